# localgate's bootstrap for the python3.* runtimes: imports the handler named by _HANDLER
# from LAMBDA_TASK_ROOT and serves invocations as the managed Python runtime does, through
# localgate's framed channel (the descriptor LOCALGATE_RUNTIME_CHANNEL names; the frames of
# ../node/frames.cjs) or the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API). localgate's
# watcher (src/runtime/watcher.ts) ends it, with everything it started, when localgate goes away.
import importlib
import json
import logging
import os
import resource
import struct
import sys
import time
import traceback


class _HttpClient:
    """The Lambda Runtime API over HTTP."""

    _BASE = "/2018-06-01/runtime"

    def __init__(self, address):
        # Imported here: http.client (with ssl and email) is most of a cold start's imports,
        # and the framed channel needs none of it.
        import http.client

        self._http = http.client
        self._host, self._port = address.split(":")
        self._conn = http.client.HTTPConnection(self._host, int(self._port))

    def _call(self, method, path, body=None, headers=None):
        for attempt in range(2):
            try:
                self._conn.request(method, self._BASE + path, body=body, headers=headers or {})
                res = self._conn.getresponse()
                return {k.lower(): v for k, v in res.getheaders()}, res.read()
            except (self._http.HTTPException, ConnectionError):
                self._conn.close()
                self._conn = self._http.HTTPConnection(self._host, int(self._port))
                if attempt:
                    raise

    def next(self):
        """The next event: (fields as the channel names them, body)."""
        headers, body = self._call("GET", "/invocation/next")
        return {
            "requestId": headers.get("lambda-runtime-aws-request-id", ""),
            "deadlineMs": int(headers.get("lambda-runtime-deadline-ms", "0")),
            "invokedArn": headers.get("lambda-runtime-invoked-function-arn"),
            "traceId": headers.get("lambda-runtime-trace-id"),
            "clientContext": headers.get("lambda-runtime-client-context"),
            "cognitoIdentity": headers.get("lambda-runtime-cognito-identity"),
        }, body

    def respond(self, request_id, payload, and_next=False):
        self._call("POST", "/invocation/%s/response" % request_id, payload, {"Content-Type": "application/json"})

    def fail(self, request_id, body, and_next=False):
        self._post_error("/invocation/%s/error" % request_id, body)

    def init_fail(self, body):
        self._post_error("/init/error", body)

    def _post_error(self, path, body):
        self._call("POST", path, json.dumps(body), {
            "Content-Type": "application/json",
            "Lambda-Runtime-Function-Error-Type": body["errorType"],
        })


class _Channel:
    """localgate's framed channel: u32 length, u8 type, u32 head length, JSON head, body."""

    NEXT, INVOKE, RESPONSE, ERROR, INIT_ERROR = 1, 2, 3, 4, 5

    def __init__(self, fd):
        self._fd = fd
        self._faults_at_read = -1
        self._peak_kb = None
        self._status_fd = None  # /proc/self/status, kept open (not inherited); -1 without /proc
        self._buf = b""
        self._next_sent = False  # NEXT went with the last response or error
        os.set_blocking(fd, True)
        os.set_inheritable(fd, False)  # not handed to processes the function starts

    def _read(self, n):
        while len(self._buf) < n:
            chunk = os.read(self._fd, max(65536, n - len(self._buf)))
            if not chunk:
                os._exit(1)  # localgate closed the channel: it is stopping this environment
            self._buf += chunk
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def _frame(self, kind, head, body=b""):
        head = json.dumps(head).encode()
        if isinstance(body, str):
            body = body.encode()
        return struct.pack(">IBI", 5 + len(head) + len(body), kind, len(head)) + head + body

    def _write(self, kind, head, body=b"", and_next=False):
        # and_next: the runtime asks for the next event right after, in the same write (one
        # syscall, one wake-up of localgate); never when it is about to exit.
        frames = self._frame(kind, head, body) + (self._frame(self.NEXT, {}) if and_next else b"")
        view = memoryview(frames)
        while view:
            view = view[os.write(self._fd, view):]
        self._next_sent = and_next

    def next(self):
        if not self._next_sent:
            self._write(self.NEXT, {})
        self._next_sent = False
        while True:
            length, kind, head_length = struct.unpack(">IBI", self._read(9))
            head = json.loads(self._read(head_length) or b"{}")
            body = self._read(length - 5 - head_length)
            if kind == self.INVOKE:
                return head, body

    def _peak(self, head):
        # The process's peak resident memory in kB (VmHWM), sent with each result so that
        # localgate need not read /proc itself; read again only when the process has
        # page-faulted since the last read (without a fault its memory cannot have grown).
        usage = resource.getrusage(resource.RUSAGE_SELF)
        faults = usage.ru_minflt + usage.ru_majflt
        if faults != self._faults_at_read and self._status_fd != -1:
            self._faults_at_read = faults
            self._peak_kb = None
            try:
                if self._status_fd is None:
                    self._status_fd = os.open("/proc/self/status", os.O_RDONLY | os.O_CLOEXEC)
                status = os.pread(self._status_fd, 4096, 0)
                at = status.find(b"VmHWM:")
                if at >= 0:
                    self._peak_kb = int(status[at + 6 :].split(None, 1)[0])
            except OSError:
                self._status_fd = -1
        if self._peak_kb is not None:
            head["peakKb"] = self._peak_kb
        return head

    def respond(self, request_id, payload, and_next=False):
        self._write(self.RESPONSE, self._peak({"requestId": request_id}), payload, and_next)

    def fail(self, request_id, body, and_next=False):
        self._write(self.ERROR, self._peak({"requestId": request_id, "errorType": body["errorType"]}), json.dumps(body), and_next)

    def init_fail(self, body):
        self._write(self.INIT_ERROR, {"errorType": body["errorType"]}, json.dumps(body))


def _runtime_client():
    fd = os.environ.pop("LOCALGATE_RUNTIME_CHANNEL", None)
    return _Channel(int(fd)) if fd else _HttpClient(os.environ["AWS_LAMBDA_RUNTIME_API"])


_runtime = _runtime_client()


class _Context:
    def __init__(self, event):
        self._deadline = int(event.get("deadlineMs") or 0)
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = event.get("invokedArn")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.aws_request_id = event.get("requestId")
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.identity = _json_or_none(event.get("cognitoIdentity"))
        self.client_context = _json_or_none(event.get("clientContext"))

    def get_remaining_time_in_millis(self):
        return max(0, self._deadline - int(time.time() * 1000))


def _json_or_none(text):
    try:
        return json.loads(text) if text else None
    except ValueError:
        return None


def _error_body(exc, error_type=None, request_id="", stack=True):
    tb = traceback.format_list(traceback.extract_tb(exc.__traceback__)) if stack else []
    return {
        "errorMessage": str(exc),
        "errorType": error_type or type(exc).__name__,
        "requestId": request_id,
        "stackTrace": tb,
    }


class _RequestIdFilter(logging.Filter):
    request_id = ""

    def filter(self, record):
        record.aws_request_id = _RequestIdFilter.request_id
        return True


def _configure_logging():
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter(
        "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.formatter.converter = time.gmtime
    handler.addFilter(_RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.WARNING)


def _init_fail(message, error_type, exc=None):
    body = {"errorMessage": message, "errorType": error_type, "requestId": "", "stackTrace": []}
    print("[ERROR] %s: %s" % (error_type, message), flush=True)
    _runtime.init_fail(body)
    sys.stdout.flush()
    os._exit(1)


def _load_handler():
    full = os.environ.get("_HANDLER", "")
    try:
        modname, fname = full.rsplit(".", 1)
    except ValueError as exc:
        _init_fail("Bad handler '%s': %s" % (full, exc), "Runtime.MalformedHandlerName")
    modname = modname.replace("/", ".")
    if modname.startswith("."):
        _init_fail("Cannot use relative import in handler '%s'" % full, "Runtime.BadFunctionCode")
    try:
        module = importlib.import_module(modname)
    except ImportError as exc:
        _init_fail("Unable to import module '%s': %s" % (modname, exc), "Runtime.ImportModuleError")
    except SyntaxError as exc:
        _init_fail("Syntax error in module '%s': %s" % (modname, exc), "Runtime.UserCodeSyntaxError")
    except Exception as exc:
        traceback.print_exc()
        _init_fail(str(exc), type(exc).__name__)
    fn = getattr(module, fname, None)
    if fn is None:
        _init_fail("Handler '%s' missing on module '%s'" % (fname, modname), "Runtime.HandlerNotFound")
    return fn


def main():
    task_root = os.environ["LAMBDA_TASK_ROOT"]
    sys.path.insert(0, task_root)
    os.chdir(task_root)
    _configure_logging()
    handler = _load_handler()
    while True:
        fields, body = _runtime.next()
        request_id = fields.get("requestId", "")
        _RequestIdFilter.request_id = request_id
        if fields.get("traceId"):
            os.environ["_X_AMZN_TRACE_ID"] = fields["traceId"]
        try:
            event = json.loads(body or b"null")
            result = handler(event, _Context(fields))
            payload = json.dumps(result)
        except Exception as exc:
            err = _error_body(exc, request_id=request_id)
            print("[ERROR] %s: %s\nTraceback (most recent call last):\n%s" % (
                err["errorType"], err["errorMessage"], "".join(err["stackTrace"])), flush=True)
            _runtime.fail(request_id, err, and_next=True)
            continue
        _runtime.respond(request_id, payload, and_next=True)


main()
