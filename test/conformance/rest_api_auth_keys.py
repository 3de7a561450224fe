"""REST API access control with boto3, after "Use API Gateway Lambda authorizers" and
"Usage plans and API keys": a TOKEN authorizer (allow, explicit deny, Unauthorized, malformed
policy), then an API-key-required method behind a usage plan with a quota."""
import json

from common import ACCOUNT, ENDPOINT, REGION, ROLE, SUFFIX, boto3_client, equal, http, make_zip

FN = f'token-authorizer-{SUFFIX}'
AUTHORIZER = """exports.handler = async (event) => {
  const token = event.authorizationToken;
  if (token === 'unauthorized') throw new Error('Unauthorized');
  if (token === 'bad') return { nonsense: 1 };
  return { principalId: 'user1', context: { who: 'me' }, policyDocument: { Version: '2012-10-17',
    Statement: [{ Action: 'execute-api:Invoke', Effect: token === 'allow' ? 'Allow' : 'Deny', Resource: event.methodArn }] } };
};"""
lam, v1 = boto3_client('lambda'), boto3_client('apigateway')
lam.create_function(FunctionName=FN, Runtime='nodejs20.x', Role=ROLE, Handler='index.handler',
                    Code={'ZipFile': make_zip({'index.js': AUTHORIZER})})
uri = f'arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FN}/invocations'

api_id = v1.create_rest_api(name='access-control')['id']
root = v1.get_resources(restApiId=api_id)['items'][0]['id']


def mock_method(resource_id, template, **method):
    v1.put_method(restApiId=api_id, resourceId=resource_id, httpMethod='GET', **method)
    v1.put_integration(restApiId=api_id, resourceId=resource_id, httpMethod='GET', type='MOCK',
                       requestTemplates={'application/json': '{"statusCode": 200}'})
    v1.put_method_response(restApiId=api_id, resourceId=resource_id, httpMethod='GET', statusCode='200')
    v1.put_integration_response(restApiId=api_id, resourceId=resource_id, httpMethod='GET', statusCode='200',
                                responseTemplates={'application/json': template})


auth = v1.create_authorizer(restApiId=api_id, name='token', type='TOKEN', authorizerUri=uri,
                            identitySource='method.request.header.Authorization', authorizerResultTtlInSeconds=0)
equal(auth['ResponseMetadata']['HTTPStatusCode'], 201, 'CreateAuthorizer HTTP status')
mock_method(root, '{"principal": "$context.authorizer.principalId", "who": "$context.authorizer.who"}',
            authorizationType='CUSTOM', authorizerId=auth['id'])
keyed = v1.create_resource(restApiId=api_id, parentId=root, pathPart='keyed')['id']
mock_method(keyed, '{"key": "$context.identity.apiKeyId"}', authorizationType='NONE', apiKeyRequired=True)
v1.create_deployment(restApiId=api_id, stageName='prod')
base = f'{ENDPOINT}/restapis/{api_id}/prod/_user_request_'

cases = [
    (None, 401, {'message': 'Unauthorized'}, 'UnauthorizedException'),
    ('allow', 200, {'principal': 'user1', 'who': 'me'}, None),
    ('deny', 403, {'message': 'User is not authorized to access this resource with an explicit deny'}, 'AccessDeniedException'),
    ('unauthorized', 401, {'message': 'Unauthorized'}, 'UnauthorizedException'),
    ('bad', 500, {'message': None}, 'AuthorizerConfigurationException'),
]
for token, status, body, error_type in cases:
    got_status, headers, text = http('GET', base + '/', None, {'Authorization': token} if token else {})
    equal((got_status, json.loads(text), headers.get('x-amzn-errortype')), (status, body, error_type), f'token {token!r}')

key = v1.create_api_key(name=f'key-{SUFFIX}', enabled=True)
equal((len(key['value']), key['enabled'], key['stageKeys']), (40, True, []), 'CreateApiKey value length, enabled, stageKeys')
plan = v1.create_usage_plan(name='plan', apiStages=[{'apiId': api_id, 'stage': 'prod'}], quota={'limit': 2, 'period': 'DAY'})
equal(plan['quota'], {'limit': 2, 'offset': 0, 'period': 'DAY'}, 'CreateUsagePlan quota')
plan_key = v1.create_usage_plan_key(usagePlanId=plan['id'], keyId=key['id'], keyType='API_KEY')
equal((plan_key['id'], plan_key['type'], plan_key['name']), (key['id'], 'API_KEY', key['name']), 'CreateUsagePlanKey')

for headers, what in [({}, 'no key'), ({'x-api-key': 'wrong'}, 'unknown key')]:
    status, _, text = http('GET', base + '/keyed', None, headers)
    equal((status, json.loads(text)), (403, {'message': 'Forbidden'}), f'API key required, {what}')
for _ in range(2):
    status, _, text = http('GET', base + '/keyed', None, {'x-api-key': key['value']})
    equal((status, json.loads(text)), (200, {'key': key['id']}), 'call within the quota')
status, _, text = http('GET', base + '/keyed', None, {'x-api-key': key['value']})
equal((status, json.loads(text)), (429, {'message': 'Limit Exceeded'}), 'call over the quota')

v1.delete_usage_plan_key(usagePlanId=plan['id'], keyId=key['id'])
# A usage plan still holding API stages cannot be deleted: detach the stage first.
v1.update_usage_plan(usagePlanId=plan['id'], patchOperations=[{'op': 'remove', 'path': '/apiStages', 'value': f'{api_id}:prod'}])
v1.delete_usage_plan(usagePlanId=plan['id'])
v1.delete_api_key(apiKey=key['id'])
v1.delete_rest_api(restApiId=api_id)
lam.delete_function(FunctionName=FN)
print('ok: REST API authorizer and API keys')
