"""Flow 5 - "Tutorial: Create a WebSocket chat app" style, with boto3 for the control plane
and apigatewaymanagementapi (@connections), and node's `ws` as the WebSocket client
(ws_client.mjs): route selection on $request.body.action, a two-way Lambda route echoing its
event, then GetConnection, PostToConnection, DeleteConnection and GoneException."""
import json
import os
import subprocess

from botocore.exceptions import ClientError

from common import ACCOUNT, ENDPOINT, REGION, ROLE, SUFFIX, boto3_client, check, equal, fail, make_zip

FN = f'ws-echo-{SUFFIX}'
CODE = """exports.handler = async (event) => {
  const deny = event.queryStringParameters && event.queryStringParameters.deny;
  if (event.requestContext.eventType === 'CONNECT' && deny) return { statusCode: Number(deny) };
  if (event.requestContext.eventType !== 'MESSAGE') return { statusCode: 200 };
  return { statusCode: 200, body: JSON.stringify(event) };
};"""
HERE = os.path.dirname(os.path.abspath(__file__))

lam, v2 = boto3_client('lambda'), boto3_client('apigatewayv2')
lam.create_function(FunctionName=FN, Runtime='nodejs20.x', Role=ROLE, Handler='index.handler',
                    Code={'ZipFile': make_zip({'index.js': CODE})})
api = v2.create_api(Name='websocket-chat-app-tutorial', ProtocolType='WEBSOCKET',
                    RouteSelectionExpression='$request.body.action')
api_id = api['ApiId']
equal(api['ApiKeySelectionExpression'], '$request.header.x-api-key', 'WebSocket ApiKeySelectionExpression')
check(api['ApiEndpoint'].startswith('ws') and api_id in api['ApiEndpoint'], f"WebSocket ApiEndpoint {api['ApiEndpoint']!r}")
integ = v2.create_integration(ApiId=api_id, IntegrationType='AWS_PROXY', IntegrationMethod='POST',
                              IntegrationUri=f'arn:aws:apigateway:{REGION}:lambda:path/2015-03-31/functions/'
                                             f'arn:aws:lambda:{REGION}:{ACCOUNT}:function:{FN}/invocations')
equal(integ['PayloadFormatVersion'], '1.0', 'WebSocket integration PayloadFormatVersion')
target = f"integrations/{integ['IntegrationId']}"
for key in ['$connect', '$disconnect']:
    v2.create_route(ApiId=api_id, RouteKey=key, Target=target)
# A two-way route: the function's result goes back to the client through the route response.
route = v2.create_route(ApiId=api_id, RouteKey='sendmessage', Target=target, RouteResponseSelectionExpression='$default')
rr = v2.create_route_response(ApiId=api_id, RouteId=route['RouteId'], RouteResponseKey='$default')
equal(rr['RouteResponseKey'], '$default', 'CreateRouteResponse RouteResponseKey')
stage = v2.create_stage(ApiId=api_id, StageName='production', AutoDeploy=True)
equal(stage['StageName'], 'production', 'CreateStage StageName')

mgmt = boto3_client('apigatewaymanagementapi', f'{ENDPOINT}/execute-api/{api_id}/production')

url = ENDPOINT.replace('http', 'ws', 1) + f'/execute-api/{api_id}/production'
client = subprocess.Popen(['node', os.path.join(HERE, 'ws_client.mjs'), url], stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE, text=True, bufsize=1)


def next_event():
    line = client.stdout.readline()
    if not line:
        fail('WebSocket client ended early')
    return json.loads(line)


try:
    equal(next_event(), {'event': 'open'}, 'WebSocket open')
    client.stdin.write(json.dumps({'action': 'sendmessage', 'message': 'hello world'}) + '\n')
    client.stdin.flush()
    got = next_event()
    equal(got['event'], 'message', f'reply to sendmessage ({got!r})')
    event = json.loads(got['data'])
    rc = event['requestContext']
    equal((rc['routeKey'], rc['eventType'], rc['messageDirection'], rc['stage'], rc['apiId']),
          ('sendmessage', 'MESSAGE', 'IN', 'production', api_id), 'MESSAGE event requestContext')
    equal(event['body'], '{"action": "sendmessage", "message": "hello world"}', 'MESSAGE event body')
    equal(event['isBase64Encoded'], False, 'MESSAGE event isBase64Encoded')
    connection_id = rc['connectionId']
    check(connection_id.endswith('=') and len(connection_id) == 16, f'connectionId shape {connection_id!r}')

    # No route matches and there is no $default route: API Gateway answers on the socket itself.
    client.stdin.write('{"action": "nothing"}\n')
    client.stdin.flush()
    got = next_event()
    reply = json.loads(got['data'])
    equal((reply['message'], reply['connectionId']), ('Forbidden', connection_id), f'unrouted message reply {got!r}')
    check(got['data'].startswith('{"message": "Forbidden", "connectionId":"'), f"unrouted reply layout {got['data']!r}")

    conn = mgmt.get_connection(ConnectionId=connection_id)
    check('ConnectedAt' in conn and 'LastActiveAt' in conn, f'GetConnection {conn!r}')
    check('SourceIp' in conn['Identity'], f"GetConnection Identity {conn['Identity']!r}")

    mgmt.post_to_connection(ConnectionId=connection_id, Data=b'pushed from the server')
    equal(next_event(), {'event': 'message', 'data': 'pushed from the server'}, 'PostToConnection frame')

    mgmt.delete_connection(ConnectionId=connection_id)
    equal(next_event()['event'], 'close', 'DeleteConnection closes the socket')
    for call in (lambda: mgmt.post_to_connection(ConnectionId=connection_id, Data=b'x'),
                 lambda: mgmt.get_connection(ConnectionId=connection_id)):
        try:
            call()
            fail('@connections on a closed connection should fail')
        except ClientError as err:
            equal((err.response['Error']['Code'], err.response['ResponseMetadata']['HTTPStatusCode']),
                  ('GoneException', 410), '@connections on a closed connection')
finally:
    client.stdin.close()
    client.wait(timeout=10)

# A $connect integration answering a non-2xx status refuses the handshake with that status.
refused = subprocess.run(['node', os.path.join(HERE, 'ws_client.mjs'), url + '?deny=403'], input='', capture_output=True,
                         text=True, timeout=20)
equal(refused.stdout.strip(), '{"event":"rejected","status":403}', '$connect answering 403')

v2.delete_api(ApiId=api_id)
lam.delete_function(FunctionName=FN)
print('ok: WebSocket API and @connections')
