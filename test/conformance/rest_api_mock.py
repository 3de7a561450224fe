"""Flow 3 - a REST API with a MOCK integration ("Set up mock integrations"): request template
choosing the status, method responses, integration responses with selection patterns,
response templates and header mappings; then calls and test-invoke-method."""
import json
import subprocess

from common import ENDPOINT, ENV, aws, check, equal, http

api_id = aws('apigateway', 'create-rest-api', '--name', 'mock-tutorial')['id']
root = aws('apigateway', 'get-resources', '--rest-api-id', api_id)['items'][0]['id']
res = aws('apigateway', 'create-resource', '--rest-api-id', api_id, '--parent-id', root, '--path-part', 'pets')['id']
aws('apigateway', 'put-method', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
    '--authorization-type', 'NONE', '--request-parameters', 'method.request.querystring.scope=false')

template = '#if( $input.params(\'scope\') == "internal" ){"statusCode": 200}#else{"statusCode": 500}#end'
integ = aws('apigateway', 'put-integration', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
            '--type', 'MOCK', '--request-templates', json.dumps({'application/json': template}))
equal(integ['type'], 'MOCK', 'put-integration type')
equal(integ['passthroughBehavior'], 'WHEN_NO_MATCH', 'put-integration passthroughBehavior')
equal(integ['requestTemplates'], {'application/json': template}, 'put-integration requestTemplates')
equal(integ['cacheKeyParameters'], [], 'put-integration cacheKeyParameters')

mr = aws('apigateway', 'put-method-response', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
         '--status-code', '200', '--response-parameters', 'method.response.header.X-Source=false',
         '--response-models', 'application/json=Empty')
equal(mr, {'statusCode': '200', 'responseParameters': {'method.response.header.X-Source': False},
           'responseModels': {'application/json': 'Empty'}}, 'put-method-response output')
aws('apigateway', 'put-method-response', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
    '--status-code', '500')

ok_template = '{"pets": [{"id": 1, "type": "dog"}], "scope": "$input.params(\'scope\')"}'
ir = aws('apigateway', 'put-integration-response', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
         '--status-code', '200', '--selection-pattern', '',
         '--response-parameters', json.dumps({'method.response.header.X-Source': "'mock'"}),
         '--response-templates', json.dumps({'application/json': ok_template}))
equal(ir['statusCode'], '200', 'put-integration-response statusCode')
equal(ir['responseTemplates'], {'application/json': ok_template}, 'put-integration-response responseTemplates')
aws('apigateway', 'put-integration-response', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
    '--status-code', '500', '--selection-pattern', '5\\d{2}',
    '--response-templates', json.dumps({'application/json': '{"message": "internal only"}'}))
# An integration response needs no method response first: AWS accepts it (recorded on AWS:
# localstack/localstack tests/aws/services/apigateway/test_apigateway_api.snapshot.json
# #TestApigatewayIntegrationResponse::test_lifecycle_integration_response); removed again below.
aws('apigateway', 'put-integration-response', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
    '--status-code', '404', '--selection-pattern', '404')
aws('apigateway', 'delete-integration-response', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
    '--status-code', '404')

got = aws('apigateway', 'get-integration', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET')
equal(sorted(got['integrationResponses']), ['200', '500'], 'get-integration integrationResponses keys')
equal(got['integrationResponses']['500']['selectionPattern'], '5\\d{2}', 'selectionPattern round trip')
meth = aws('apigateway', 'get-method', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET')
equal(sorted(meth['methodResponses']), ['200', '500'], 'get-method methodResponses keys')
equal(meth['methodIntegration']['type'], 'MOCK', 'get-method methodIntegration.type')

aws('apigateway', 'create-deployment', '--rest-api-id', api_id, '--stage-name', 'dev')
base = f'{ENDPOINT}/restapis/{api_id}/dev/_user_request_'
status, headers, text = http('GET', base + '/pets?scope=internal')
equal(status, 200, f'GET /pets?scope=internal status ({text!r})')
equal(json.loads(text), {'pets': [{'id': 1, 'type': 'dog'}], 'scope': 'internal'}, 'mapped mock body')
equal(headers.get('x-source'), 'mock', 'X-Source header mapped from a static value')
equal(headers.get('content-type'), 'application/json', 'content-type of the mapped response')
status, _, text = http('GET', base + '/pets?scope=public')
equal((status, json.loads(text)), (500, {'message': 'internal only'}), 'GET /pets?scope=public through the 5\\d{2} response')

# test-invoke-method runs the draft (no deployment needed); another part may not have it yet.
cmd = ['aws', 'apigateway', 'test-invoke-method', '--rest-api-id', api_id, '--resource-id', res, '--http-method', 'GET',
       '--path-with-query-string', '/pets?scope=internal', '--endpoint-url', ENDPOINT, '--output', 'json']
proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, timeout=60)
if proc.returncode == 0:
    out = json.loads(proc.stdout)
    equal(out['status'], 200, 'test-invoke-method status')
    equal(json.loads(out['body']), {'pets': [{'id': 1, 'type': 'dog'}], 'scope': 'internal'}, 'test-invoke-method body')
    equal(out['headers'].get('X-Source'), 'mock', 'test-invoke-method headers.X-Source')
    check('Method completed with status: 200' in out['log'], f"test-invoke-method log: {out['log'][-200:]!r}")
else:
    check('501' in proc.stderr or 'NotImplemented' in proc.stderr, f'test-invoke-method failed: {proc.stderr.strip()}')
    print('note: test-invoke-method not implemented yet (501), skipped')

aws('apigateway', 'delete-rest-api', '--rest-api-id', api_id)
print('ok: REST API mock integration')
