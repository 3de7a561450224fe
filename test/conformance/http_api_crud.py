"""Flow 1 - "Tutorial: Create a CRUD HTTP API with Lambda", with the `aws apigatewayv2` CLI:
an HTTP API, one Lambda proxy integration (payload format 2.0), several route keys, a
$default stage with auto-deploy, then each route called and the 2.0 event checked."""
import json
import tempfile

from common import ACCOUNT, ENDPOINT, REGION, ROLE, SUFFIX, aws, check, equal, http, write_zip

FN = f'http-crud-tutorial-function-{SUFFIX}'
ECHO = """exports.handler = async (event) => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });"""

with tempfile.TemporaryDirectory() as tmp:
    zip_path = write_zip(f'{tmp}/function.zip', {'index.js': ECHO})
    fn = aws('lambda', 'create-function', '--function-name', FN, '--runtime', 'nodejs20.x',
             '--handler', 'index.handler', '--role', ROLE, '--zip-file', f'fileb://{zip_path}')
fn_arn = f'arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FN}'
equal(fn['FunctionArn'], fn_arn, 'create-function FunctionArn')

api = aws('apigatewayv2', 'create-api', '--name', 'http-crud-tutorial-api', '--protocol-type', 'HTTP')
api_id = api['ApiId']
check(len(api_id) == 10 and api_id.isalnum() and api_id == api_id.lower(), f'ApiId shape: {api_id!r}')
# localgate reports a local invoke URL here (AWS: https://{id}.execute-api.{region}.amazonaws.com).
check(api_id in api['ApiEndpoint'], f"create-api ApiEndpoint {api['ApiEndpoint']!r} names the API")
equal(api['ProtocolType'], 'HTTP', 'create-api ProtocolType')
equal(api['RouteSelectionExpression'], '$request.method $request.path', 'create-api RouteSelectionExpression')
equal(api['ApiKeySelectionExpression'], '$request.header.x-api-key', 'create-api ApiKeySelectionExpression')
equal(api['DisableExecuteApiEndpoint'], False, 'create-api DisableExecuteApiEndpoint')

integ = aws('apigatewayv2', 'create-integration', '--api-id', api_id, '--integration-type', 'AWS_PROXY',
            '--integration-uri', fn_arn, '--payload-format-version', '2.0')
equal(integ['IntegrationType'], 'AWS_PROXY', 'create-integration IntegrationType')
equal(integ['IntegrationMethod'], 'POST', 'create-integration IntegrationMethod (AWS_PROXY defaults to POST)')
equal(integ['ConnectionType'], 'INTERNET', 'create-integration ConnectionType')
equal(integ['PayloadFormatVersion'], '2.0', 'create-integration PayloadFormatVersion')
equal(integ['TimeoutInMillis'], 30000, 'create-integration TimeoutInMillis')
target = f"integrations/{integ['IntegrationId']}"

for key in ['GET /items/{id}', 'GET /items', 'PUT /items', 'DELETE /items/{id}']:
    route = aws('apigatewayv2', 'create-route', '--api-id', api_id, '--route-key', key, '--target', target)
    equal(route['RouteKey'], key, 'create-route RouteKey')
    equal(route['Target'], target, 'create-route Target')
    equal(route['AuthorizationType'], 'NONE', 'create-route AuthorizationType')
    equal(route['ApiKeyRequired'], False, 'create-route ApiKeyRequired')
aws('apigatewayv2', 'create-route', '--api-id', api_id, '--route-key', 'GET /items', '--target', target,
    expect_error='ConflictException')

stage = aws('apigatewayv2', 'create-stage', '--api-id', api_id, '--stage-name', '$default', '--auto-deploy')
equal(stage['StageName'], '$default', 'create-stage StageName')
equal(stage['AutoDeploy'], True, 'create-stage AutoDeploy')
routes = aws('apigatewayv2', 'get-routes', '--api-id', api_id)['Items']
equal(sorted(r['RouteKey'] for r in routes), ['DELETE /items/{id}', 'GET /items', 'GET /items/{id}', 'PUT /items'], 'get-routes')

base = f'{ENDPOINT}/execute-api/{api_id}'


def call(method, path, body=None, headers=None):
    status, res_headers, text = http(method, base + path, body, headers)
    equal(status, 200, f'{method} {path} status (body {text!r})')
    check('apigw-requestid' in res_headers, f'{method} {path}: no apigw-requestid header')
    return json.loads(text)


event = call('PUT', '/items', '{"id":"123","price":12345,"name":"myitem"}', {'Content-Type': 'application/json'})
equal(event['version'], '2.0', 'event.version')
equal(event['routeKey'], 'PUT /items', 'event.routeKey')
equal(event['rawPath'], '/items', 'event.rawPath')
equal(event['rawQueryString'], '', 'event.rawQueryString')
equal(event['body'], '{"id":"123","price":12345,"name":"myitem"}', 'event.body')
equal(event['isBase64Encoded'], False, 'event.isBase64Encoded')
ctx = event['requestContext']
equal(ctx['http']['method'], 'PUT', 'requestContext.http.method')
equal(ctx['http']['path'], '/items', 'requestContext.http.path')
equal(ctx['http']['protocol'], 'HTTP/1.1', 'requestContext.http.protocol')
equal(ctx['routeKey'], 'PUT /items', 'requestContext.routeKey')
equal(ctx['stage'], '$default', 'requestContext.stage')
equal(ctx['apiId'], api_id, 'requestContext.apiId')
equal(ctx['accountId'], ACCOUNT, 'requestContext.accountId')
check(isinstance(ctx['timeEpoch'], int), 'requestContext.timeEpoch is a number')
check('pathParameters' not in event, 'no pathParameters on a route without parameters')

event = call('GET', '/items/123?expand=true&tag=a&tag=b')
equal(event['routeKey'], 'GET /items/{id}', 'event.routeKey')
equal(event['pathParameters'], {'id': '123'}, 'event.pathParameters')
equal(event['rawQueryString'], 'expand=true&tag=a&tag=b', 'event.rawQueryString')
equal(event['queryStringParameters'], {'expand': 'true', 'tag': 'a,b'}, 'event.queryStringParameters (repeated joined by comma)')
check('body' not in event, 'no body on a GET without one')

equal(call('GET', '/items')['routeKey'], 'GET /items', 'GET /items routeKey')
equal(call('DELETE', '/items/123')['pathParameters'], {'id': '123'}, 'DELETE pathParameters')

status, headers, text = http('POST', base + '/items', '{}')
equal((status, json.loads(text)), (404, {'message': 'Not Found'}), 'unmatched route')

aws('apigatewayv2', 'delete-api', '--api-id', api_id)
aws('apigatewayv2', 'get-api', '--api-id', api_id, expect_error='NotFoundException')
print('ok: HTTP API CRUD tutorial')
