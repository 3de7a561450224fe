"""Flow 2 - "Tutorial: Create a REST API with a Lambda proxy integration", with the
`aws apigateway` CLI: a {proxy+} resource, ANY method, AWS_PROXY integration by the
arn:aws:apigateway:...:lambda:path/2015-03-31/functions/.../invocations URI, a deployment,
then calls through /restapis/{id}/{stage}/_user_request_/... checking the 1.0 proxy event."""
import json
import tempfile

from common import ACCOUNT, ENDPOINT, REGION, ROLE, SUFFIX, aws, equal, check, http, write_zip

FN = f'GetStartedLambdaProxyIntegration-{SUFFIX}'
CODE = """exports.handler = async (event) => {
  if (event.queryStringParameters && event.queryStringParameters.bad) return { nonsense: true };
  return { statusCode: 200, headers: { 'x-custom-header': 'my custom header value' },
    multiValueHeaders: { 'x-multi': ['a', 'b'] }, body: JSON.stringify(event) };
};"""

with tempfile.TemporaryDirectory() as tmp:
    zip_path = write_zip(f'{tmp}/function.zip', {'index.js': CODE})
    aws('lambda', 'create-function', '--function-name', FN, '--runtime', 'nodejs20.x', '--handler', 'index.handler',
        '--role', ROLE, '--zip-file', f'fileb://{zip_path}')
fn_arn = f'arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FN}'

api = aws('apigateway', 'create-rest-api', '--name', 'HelloWorld (AWS CLI)')
api_id = api['id']
equal(api['name'], 'HelloWorld (AWS CLI)', 'create-rest-api name')
equal(api['apiKeySource'], 'HEADER', 'create-rest-api apiKeySource')
equal(api['endpointConfiguration']['types'], ['EDGE'], 'create-rest-api endpointConfiguration.types')
equal(api['disableExecuteApiEndpoint'], False, 'create-rest-api disableExecuteApiEndpoint')

items = aws('apigateway', 'get-resources', '--rest-api-id', api_id)['items']
equal([r['path'] for r in items], ['/'], 'get-resources paths of a new API')
root_id = items[0]['id']
equal(root_id, api['rootResourceId'], 'root resource id')

res = aws('apigateway', 'create-resource', '--rest-api-id', api_id, '--parent-id', root_id, '--path-part', '{proxy+}')
equal((res['path'], res['pathPart'], res['parentId']), ('/{proxy+}', '{proxy+}', root_id), 'create-resource')
aws('apigateway', 'create-resource', '--rest-api-id', api_id, '--parent-id', root_id, '--path-part', '{proxy+}',
    expect_error='ConflictException')

method = aws('apigateway', 'put-method', '--rest-api-id', api_id, '--resource-id', res['id'], '--http-method', 'ANY',
             '--authorization-type', 'NONE', '--request-parameters', 'method.request.path.proxy=true')
equal(method['httpMethod'], 'ANY', 'put-method httpMethod')
equal(method['authorizationType'], 'NONE', 'put-method authorizationType')
equal(method['apiKeyRequired'], False, 'put-method apiKeyRequired')
equal(method['requestParameters'], {'method.request.path.proxy': True}, 'put-method requestParameters')

uri = f'arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/{fn_arn}/invocations'
integ = aws('apigateway', 'put-integration', '--rest-api-id', api_id, '--resource-id', res['id'], '--http-method', 'ANY',
            '--type', 'AWS_PROXY', '--integration-http-method', 'POST', '--uri', uri)
equal((integ['type'], integ['httpMethod'], integ['uri']), ('AWS_PROXY', 'POST', uri), 'put-integration')
equal(integ['passthroughBehavior'], 'WHEN_NO_MATCH', 'put-integration passthroughBehavior')
equal(integ['timeoutInMillis'], 29000, 'put-integration timeoutInMillis')
equal(integ['cacheNamespace'], res['id'], 'put-integration cacheNamespace')

dep = aws('apigateway', 'create-deployment', '--rest-api-id', api_id, '--stage-name', 'test')
check(dep['id'] and 'createdDate' in dep, f'create-deployment output {dep!r}')
stage = aws('apigateway', 'get-stage', '--rest-api-id', api_id, '--stage-name', 'test')
equal(stage['deploymentId'], dep['id'], 'get-stage deploymentId')

base = f'{ENDPOINT}/restapis/{api_id}/test/_user_request_'
status, headers, text = http('GET', base + '/helloworld?name=John&name=Jane&city=Seattle', None, {'day': 'Thursday'})
equal(status, 200, f'GET /helloworld status ({text!r})')
equal(headers.get('x-custom-header'), 'my custom header value', 'x-custom-header from the function')
check('x-amzn-requestid' in headers, 'x-amzn-RequestId response header')
event = json.loads(text)
equal(event['resource'], '/{proxy+}', 'event.resource')
equal(event['path'], '/helloworld', 'event.path')
equal(event['httpMethod'], 'GET', 'event.httpMethod')
equal(event['pathParameters'], {'proxy': 'helloworld'}, 'event.pathParameters')
equal(event['queryStringParameters'], {'name': 'Jane', 'city': 'Seattle'}, 'event.queryStringParameters (last value wins)')
equal(event['multiValueQueryStringParameters'], {'name': ['John', 'Jane'], 'city': ['Seattle']}, 'event.multiValueQueryStringParameters')
equal({k.lower(): v for k, v in event['headers'].items()}.get('day'), 'Thursday', 'event.headers.day')
equal(event['stageVariables'], None, 'event.stageVariables')
equal(event['body'], None, 'event.body of a GET')
equal(event['isBase64Encoded'], False, 'event.isBase64Encoded')
rc = event['requestContext']
equal((rc['resourcePath'], rc['httpMethod'], rc['stage'], rc['apiId'], rc['accountId']),
      ('/{proxy+}', 'GET', 'test', api_id, ACCOUNT), 'event.requestContext')
equal(rc['path'], '/test/helloworld', 'requestContext.path (stage included)')

status, _, text = http('POST', base + '/a/b', '{"time":"evening"}', {'Content-Type': 'application/json'})
event = json.loads(text)
equal((status, event['httpMethod'], event['path'], event['pathParameters'], event['body']),
      (200, 'POST', '/a/b', {'proxy': 'a/b'}, '{"time":"evening"}'), 'POST /a/b through ANY {proxy+}')

status, _, text = http('GET', base + '/x?bad=1')
equal((status, json.loads(text)), (502, {'message': 'Internal server error'}), 'malformed Lambda proxy response')
status, headers, text = http('GET', base + '/')
equal((status, json.loads(text)), (403, {'message': 'Missing Authentication Token'}), 'GET / without a method')
equal(headers.get('x-amzn-errortype'), 'MissingAuthenticationTokenException', 'x-amzn-ErrorType of a missing method')

aws('apigateway', 'delete-rest-api', '--rest-api-id', api_id)
aws('lambda', 'delete-function', '--function-name', FN)
print('ok: REST API Lambda proxy tutorial')
