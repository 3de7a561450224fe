"""HTTP API details from "Working with AWS Lambda proxy integrations for HTTP APIs" and
"Configuring CORS for an HTTP API", with boto3: a named stage in rawPath, the 1.0 and 2.0
event formats on one API, the 2.0 response inference, CORS preflight and a missing function."""
import json

from common import ACCOUNT, ENDPOINT, REGION, ROLE, SUFFIX, boto3_client, equal, http, make_zip

FN = f'payloads-{SUFFIX}'
# Returns body.ret as its result when present, else a proxy response echoing the event.
CODE = """exports.handler = async (event) => {
  const b = event.body && JSON.parse(event.body);
  if (b && 'ret' in b) return b.ret;
  return { statusCode: 200, body: JSON.stringify(event) };
};"""
lam, v2 = boto3_client('lambda'), boto3_client('apigatewayv2')
lam.create_function(FunctionName=FN, Runtime='nodejs20.x', Role=ROLE, Handler='index.handler',
                    Code={'ZipFile': make_zip({'index.js': CODE})})
arn = f'arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FN}'
api_id = v2.create_api(Name='payloads', ProtocolType='HTTP', CorsConfiguration={
    'AllowOrigins': ['https://example.com'], 'AllowMethods': ['GET', 'POST'], 'AllowHeaders': ['content-type'], 'MaxAge': 60})['ApiId']
for version, prefix in [('2.0', '/v2'), ('1.0', '/v1')]:
    integ = v2.create_integration(ApiId=api_id, IntegrationType='AWS_PROXY', IntegrationUri=arn, PayloadFormatVersion=version)
    v2.create_route(ApiId=api_id, RouteKey=f'ANY {prefix}/{{proxy+}}', Target=f"integrations/{integ['IntegrationId']}")
v2.create_stage(ApiId=api_id, StageName='dev', AutoDeploy=True)
base = f'{ENDPOINT}/execute-api/{api_id}/dev'

status, _, text = http('GET', base + '/v2/x/y?a=1', None, {'Cookie': 'c1=v1; c2=v2'})
event = json.loads(text)
equal(status, 200, '2.0 GET status')
# A named stage is part of rawPath and requestContext.http.path (only $default is left out).
equal((event['rawPath'], event['requestContext']['http']['path']), ('/dev/v2/x/y', '/dev/v2/x/y'), '2.0 paths on a named stage')
equal((event['routeKey'], event['pathParameters'], event['requestContext']['stage']),
      ('ANY /v2/{proxy+}', {'proxy': 'x/y'}, 'dev'), '2.0 route key, path parameters, stage')
equal(event['cookies'], ['c1=v1', 'c2=v2'], '2.0 cookies')

status, _, text = http('GET', base + '/v1/x/y?a=1&a=2')
event = json.loads(text)
equal((status, event['version'], event['resource'], event['path']), (200, '1.0', '/v1/{proxy+}', '/dev/v1/x/y'), '1.0 event')
equal((event['queryStringParameters'], event['multiValueQueryStringParameters']), ({'a': '2'}, {'a': ['1', '2']}), '1.0 query strings')
equal(event['requestContext']['resourcePath'], '/v1/{proxy+}', '1.0 requestContext.resourcePath')

# 2.0: a result without statusCode is taken as a JSON body with status 200.
for ret, body in [('hello', 'hello'), ({'a': 1}, '{"a":1}')]:
    status, headers, text = http('POST', base + '/v2/r', json.dumps({'ret': ret}), {'content-type': 'application/json'})
    equal((status, headers.get('content-type'), text), (200, 'application/json', body), f'2.0 inferred response for {ret!r}')
status, headers, text = http('POST', base + '/v2/r', json.dumps({'ret': {'statusCode': 201, 'body': 'made', 'cookies': ['a=b']}}),
                             {'content-type': 'application/json'})
equal((status, headers.get('set-cookie'), text), (201, 'a=b', 'made'), '2.0 response with statusCode and cookies')
# 1.0 has no inference: a result that is not a proxy response is an integration failure.
status, _, text = http('POST', base + '/v1/r', json.dumps({'ret': 'hello'}), {'content-type': 'application/json'})
equal((status, json.loads(text)), (500, {'message': 'Internal Server Error'}), '1.0 malformed response')

status, headers, text = http('OPTIONS', base + '/v2/r', None, {'Origin': 'https://example.com', 'Access-Control-Request-Method': 'POST'})
equal(status, 204, 'CORS preflight status')
equal({k: v for k, v in headers.items() if k.startswith('access-control-')}, {
    'access-control-allow-origin': 'https://example.com', 'access-control-allow-methods': 'GET,POST',
    'access-control-allow-headers': 'content-type', 'access-control-max-age': '60'}, 'CORS preflight headers')
status, headers, _ = http('GET', base + '/v2/r', None, {'Origin': 'https://example.com'})
equal(headers.get('access-control-allow-origin'), 'https://example.com', 'CORS header on a simple request')

lam.delete_function(FunctionName=FN)
status, _, text = http('GET', base + '/v2/r')
equal((status, json.loads(text)), (500, {'message': 'Internal Server Error'}), 'route to a deleted function')
v2.delete_api(ApiId=api_id)
print('ok: HTTP API payload formats and CORS')
