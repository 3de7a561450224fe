# End-to-end: create a REST API with a MOCK GET / and hit it
AUTH='Authorization: AWS4-HMAC-SHA256 Credential=test/20260428/us-east-1/apigateway/aws4_request, SignedHeaders=host, Signature=fake'
API_ID=$(curl -s -X POST http://localhost:4566/restapis -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"demo"}' | jq -r .id)
ROOT=$(curl -s "http://localhost:4566/restapis/$API_ID/resources" -H "$AUTH" | jq -r '.items[0].id')
curl -s -X PUT "http://localhost:4566/restapis/$API_ID/resources/$ROOT/methods/GET" -H "$AUTH" -H 'Content-Type: application/json' -d '{"authorizationType":"NONE"}'
curl -s -X PUT "http://localhost:4566/restapis/$API_ID/resources/$ROOT/methods/GET/integration" -H "$AUTH" -H 'Content-Type: application/json' -d '{"type":"MOCK"}'
curl -s -X POST "http://localhost:4566/restapis/$API_ID/deployments" -H "$AUTH" -H 'Content-Type: application/json' -d '{"stageName":"prod"}'
curl -s "http://localhost:4566/restapis/$API_ID/prod/_user_request_/"
# -> {}
