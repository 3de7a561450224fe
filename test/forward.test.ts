// --forward-unknown-services: requests for services localgate does not serve (DynamoDB, SQS)
// reach the given endpoint unchanged and its answers come back unchanged; without the flag
// they get an error naming the service.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { Localgate } from '../src/app.ts';
import { clientConfig, fakeAuth, startTestServer } from './helpers.ts';

interface Arrival {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** A stand-in for DynamoDB Local / an SQS emulator: records what arrives, answers per target. */
class FakeEndpoint {
  readonly arrivals: Arrival[] = [];
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        this.arrivals.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const target = req.headers['x-amz-target'];
        const json = (status: number, doc: unknown) => {
          res.writeHead(status, { 'Content-Type': 'application/x-amz-json-1.0', 'x-amzn-RequestId': 'fake-request-id', 'x-fake': 'yes' });
          res.end(JSON.stringify(doc));
        };
        if (target === 'DynamoDB_20120810.ListTables') json(200, { TableNames: ['table-from-fake'] });
        else if (target === 'DynamoDB_20120810.PutItem') json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message: 'Requested resource not found' });
        else if (target === 'AmazonSQS.SendMessage') {
          const { MessageBody } = JSON.parse(body.toString());
          json(200, { MessageId: 'fake-message-id', MD5OfMessageBody: createHash('md5').update(MessageBody).digest('hex') });
        } else {
          res.writeHead(200, { 'Content-Type': 'text/xml' });
          res.end(`<Echo>${req.method} ${req.url} ${body.length}</Echo>`);
        }
      });
    });
    await new Promise<void>((done) => this.server.listen(0, '127.0.0.1', done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise<void>((done) => this.server.close(() => done()));
  }
}

describe('with --forward-unknown-services', () => {
  const fake = new FakeEndpoint();
  let app: Localgate;
  before(async () => {
    await fake.start();
    app = await startTestServer({ forwardUrl: fake.url });
  });
  after(async () => {
    await app.close();
    await fake.stop();
  });

  it('passes a DynamoDB call signed by the SDK through unchanged and returns the endpoint\'s answer', async () => {
    const dynamodb = new DynamoDBClient(clientConfig(app));
    const out = await dynamodb.send(new ListTablesCommand({ Limit: 5 }));
    dynamodb.destroy();
    assert.deepEqual(out.TableNames, ['table-from-fake']);
    assert.equal(out.$metadata.requestId, 'fake-request-id');

    const arrived = fake.arrivals.at(-1)!;
    assert.equal(arrived.method, 'POST');
    assert.equal(arrived.url, '/');
    assert.equal(arrived.headers['x-amz-target'], 'DynamoDB_20120810.ListTables');
    assert.equal(arrived.headers['content-type'], 'application/x-amz-json-1.0');
    // Host stays the one the client signed (the signature covers it).
    assert.equal(arrived.headers.host, new URL(app.url).host);
    assert.match(String(arrived.headers.authorization), /^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/us-east-1\/dynamodb\/aws4_request, SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$/);
    assert.match(String(arrived.headers['x-amz-date']), /^\d{8}T\d{6}Z$/);
    assert.deepEqual(JSON.parse(arrived.body.toString()), { Limit: 5 });
    assert.equal(arrived.headers['content-length'], String(arrived.body.length));
  });

  it('returns the endpoint\'s errors as it sent them', async () => {
    const dynamodb = new DynamoDBClient(clientConfig(app));
    const err = await dynamodb.send(new PutItemCommand({ TableName: 'missing', Item: { id: { S: 'x'.repeat(200_000) } } })).catch((e) => e);
    dynamodb.destroy();
    assert.equal(err.name, 'ResourceNotFoundException');
    assert.equal(err.message, 'Requested resource not found');
    assert.equal(err.$metadata.httpStatusCode, 400);
    // The 200 KB body arrived whole.
    const arrived = fake.arrivals.at(-1)!;
    assert.equal(JSON.parse(arrived.body.toString()).Item.id.S.length, 200_000);
  });

  it('passes an SQS SendMessage through (the SDK checks the MD5 the endpoint computed)', async () => {
    const sqs = new SQSClient(clientConfig(app));
    const out = await sqs.send(new SendMessageCommand({ QueueUrl: `${app.url}/000000000000/jobs`, MessageBody: 'hello from a function' }));
    sqs.destroy();
    assert.equal(out.MessageId, 'fake-message-id');
    const arrived = fake.arrivals.at(-1)!;
    assert.equal(arrived.headers['x-amz-target'], 'AmazonSQS.SendMessage');
    assert.match(String(arrived.headers.authorization), /\/us-east-1\/sqs\/aws4_request, /);
    assert.deepEqual(JSON.parse(arrived.body.toString()), { QueueUrl: `${app.url}/000000000000/jobs`, MessageBody: 'hello from a function' });
  });

  it('keeps the method, path, query string and other headers of a query-protocol request', async () => {
    const res = await fetch(`${app.url}/000000000000/jobs?Action=ReceiveMessage&MaxNumberOfMessages=2&Weird=a%2Fb%20c`, {
      method: 'DELETE',
      headers: { Authorization: fakeAuth('sqs', 'eu-west-1'), 'X-Amz-Security-Token': 'token-1', 'X-Custom': 'kept' },
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '<Echo>DELETE /000000000000/jobs?Action=ReceiveMessage&MaxNumberOfMessages=2&Weird=a%2Fb%20c 0</Echo>');
    const arrived = fake.arrivals.at(-1)!;
    assert.equal(arrived.headers.authorization, fakeAuth('sqs', 'eu-west-1'));
    assert.equal(arrived.headers['x-amz-security-token'], 'token-1');
    assert.equal(arrived.headers['x-custom'], 'kept');
  });

  it('serves its own services itself', async () => {
    const count = fake.arrivals.length;
    const lambda = new LambdaClient(clientConfig(app));
    const out = await lambda.send(new ListFunctionsCommand({}));
    lambda.destroy();
    assert.deepEqual(out.Functions, []);
    assert.equal(fake.arrivals.length, count);
  });
});

describe('when the forward endpoint is down', () => {
  let app: Localgate;
  before(async () => {
    // A port nothing listens on: one that was just free.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((done) => probe.close(() => done()));
    app = await startTestServer({ forwardUrl: `http://127.0.0.1:${port}` });
  });
  after(() => app.close());

  it('answers 502 naming the endpoint, and keeps serving', async () => {
    const dynamodb = new DynamoDBClient(clientConfig(app));
    const err = await dynamodb.send(new ListTablesCommand({})).catch((e) => e);
    dynamodb.destroy();
    assert.equal(err.$metadata.httpStatusCode, 502);
    assert.equal(err.name, 'BadGateway');
    assert.match(err.message, /^localgate could not forward this dynamodb request to http:\/\/127\.0\.0\.1:\d+ \(--forward-unknown-services\): ECONNREFUSED$/);
    const health = await fetch(`${app.url}/_localgate/health`);
    assert.equal(health.status, 200);
  });
});

describe('without --forward-unknown-services', () => {
  let app: Localgate;
  before(async () => {
    app = await startTestServer();
  });
  after(() => app.close());

  it('answers a DynamoDB call with an error naming the service', async () => {
    const dynamodb = new DynamoDBClient(clientConfig(app));
    const err = await dynamodb.send(new ListTablesCommand({})).catch((e) => e);
    dynamodb.destroy();
    assert.equal(err.name, 'NotImplemented');
    assert.equal(err.$metadata.httpStatusCode, 501);
    assert.equal(err.message, 'localgate does not serve the dynamodb service; start localgate with --forward-unknown-services URL (LOCALGATE_FORWARD_URL) to proxy its requests to an emulator that does');
  });

  it('answers an unsigned call naming its X-Amz-Target prefix', async () => {
    const res = await fetch(app.url, { method: 'POST', headers: { 'X-Amz-Target': 'AWSEvents.PutEvents', 'Content-Type': 'application/x-amz-json-1.1' }, body: '{}' });
    assert.equal(res.status, 501);
    assert.equal(res.headers.get('x-amzn-errortype'), 'NotImplemented');
    assert.match((await res.json()).message, /^localgate does not serve the AWSEvents service;/);
  });

  it('answers a query-protocol SQS call in XML', async () => {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { Authorization: fakeAuth('sqs'), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'Action=ListQueues&Version=2012-11-05',
    });
    assert.equal(res.status, 501);
    const body = await res.text();
    assert.match(body, /^<ErrorResponse><Error><Type>Receiver<\/Type><Code>NotImplemented<\/Code><Message>localgate does not serve the sqs service; start localgate/);
    assert.match(body, /<RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/);
  });
});
