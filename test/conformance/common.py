"""Shared helpers for the conformance scripts: the AWS CLI and boto3 pointed at localgate,
plain HTTP calls, in-memory zips and a check() that fails loudly with the differing fact."""
import io
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import zipfile

ENDPOINT = os.environ.get('LOCALGATE_ENDPOINT', 'http://localhost:4566')
ACCOUNT = '000000000000'
REGION = 'us-east-1'
ROLE = f'arn:aws:iam::{ACCOUNT}:role/lambda-role'
# Names carry a per-run suffix so a script can run twice against one server.
SUFFIX = os.urandom(3).hex()
ENV = {**os.environ, 'AWS_ACCESS_KEY_ID': 'test', 'AWS_SECRET_ACCESS_KEY': 'test', 'AWS_DEFAULT_REGION': REGION,
       'AWS_PAGER': '', 'AWS_MAX_ATTEMPTS': '1'}


def fail(message):
    print(f'FAIL: {message}', file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def equal(actual, expected, what):
    if actual != expected:
        fail(f'{what}: expected {expected!r}, got {actual!r}')


def aws(*args, expect_error=None):
    """Runs `aws <args> --output json`; returns the parsed output, or the stderr when expect_error is given."""
    cmd = ['aws', *args, '--endpoint-url', ENDPOINT, '--output', 'json']
    proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=60)
    if expect_error is not None:
        check(proc.returncode != 0, f'`aws {" ".join(args)}` should fail with {expect_error}')
        check(expect_error in proc.stderr, f'`aws {" ".join(args)}`: expected {expect_error} in {proc.stderr.strip()!r}')
        return proc.stderr
    if proc.returncode != 0:
        fail(f'`aws {" ".join(args)}` failed: {proc.stderr.strip()}')
    return json.loads(proc.stdout) if proc.stdout.strip() else None


def boto3_client(service, endpoint=ENDPOINT):
    import boto3
    from botocore.config import Config
    return boto3.client(service, endpoint_url=endpoint, region_name=REGION, aws_access_key_id='test',
                        aws_secret_access_key='test', config=Config(retries={'max_attempts': 1}))


def http(method, url, body=None, headers=None):
    """Returns (status, headers as a lower-cased dict, body text)."""
    data = body.encode() if isinstance(body, str) else body
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, {k.lower(): v for k, v in res.headers.items()}, res.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read().decode()


def make_zip(files):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, 'w', zipfile.ZIP_DEFLATED) as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return buf.getvalue()


def write_zip(path, files):
    with open(path, 'wb') as f:
        f.write(make_zip(files))
    return path
