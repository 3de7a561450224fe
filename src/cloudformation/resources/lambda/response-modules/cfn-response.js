// The `cfn-response` module CloudFormation adds beside inline (Code.ZipFile) Node.js code:
// send(event, context, responseStatus, responseData, physicalResourceId, noEcho) PUTs the
// custom resource response to event.ResponseURL, then ends the invocation (context.done()).
// Written for localgate; the ResponseURL may be plain http on this machine.
'use strict';
const http = require('http');
const https = require('https');

exports.SUCCESS = 'SUCCESS';
exports.FAILED = 'FAILED';

exports.send = function send(event, context, responseStatus, responseData, physicalResourceId, noEcho) {
  const body = JSON.stringify({
    Status: responseStatus,
    Reason: 'See the details in CloudWatch Log Stream: ' + context.logStreamName,
    PhysicalResourceId: physicalResourceId || context.logStreamName,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    NoEcho: noEcho || false,
    Data: responseData,
  });
  console.log('Response body:\n', body);
  const url = new URL(event.ResponseURL);
  const transport = url.protocol === 'http:' ? http : https;
  return new Promise((resolve) => {
    const finish = () => {
      context.done();
      resolve();
    };
    const req = transport.request(url, { method: 'PUT', headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) } }, (res) => {
      console.log('Status code: ' + res.statusCode);
      res.resume();
      res.on('end', finish);
    });
    req.on('error', (error) => {
      console.log('send(..) failed executing request: ' + error);
      finish();
    });
    req.end(body);
  });
};
