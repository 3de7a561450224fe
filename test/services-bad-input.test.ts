// Junk sent to every IAM, STS, SSM, CloudWatch Logs and ECR operation gets the protocol's error
// (or, for a well-formed request, an answer) and leaves the state it does not name intact.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { CreateRoleCommand, IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { CloudWatchLogsClient, CreateLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeParametersCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { Localgate } from '../src/app.ts';
import { loadModel } from '../src/protocol/model.ts';
import { clientConfig, fakeAuth, startTestServer } from './helpers.ts';

let app: Localgate;
before(async () => {
  app = await startTestServer();
});
after(async () => app.close());

const QUERY_ERROR = /^<ErrorResponse xmlns="[^"]+"><Error><Type>(Sender|Receiver)<\/Type><Code>\w+<\/Code><Message>[^<]*<\/Message><\/Error><RequestId>[-0-9a-f]{36}<\/RequestId><\/ErrorResponse>$/;
const JSON_ERROR = /^\{"__type":"\w+","[Mm]essage":"(?:[^"\\]|\\.)*"(?:,"\w+":"[^"]*")*\}$/;

test('junk leaves roles, parameters and log groups as they were', async () => {
  const iam = new IAMClient(clientConfig(app));
  const ssm = new SSMClient(clientConfig(app));
  const logs = new CloudWatchLogsClient(clientConfig(app));
  await iam.send(new CreateRoleCommand({ RoleName: 'kept', AssumeRolePolicyDocument: '{}' }));
  await ssm.send(new PutParameterCommand({ Name: '/kept', Value: 'v', Type: 'String' }));
  await logs.send(new CreateLogGroupCommand({ logGroupName: '/kept' }));
  const state = async () =>
    JSON.stringify([
      (await iam.send(new ListRolesCommand({}))).Roles!.map((r) => [r.RoleName, r.RoleId]),
      (await ssm.send(new DescribeParametersCommand({}))).Parameters!.map((p) => [p.Name, p.Version]),
      (await logs.send(new DescribeLogGroupsCommand({}))).logGroups!.map((g) => g.logGroupName),
    ]);
  const before = await state();
  let failures = 0;
  for (const service of ['iam', 'sts'] as const) {
    const model = loadModel(service);
    for (const name of Object.keys(model.operations)) {
      const head = `Action=${name}&Version=${model.metadata.apiVersion}`;
      for (const body of [head, `${head}&RoleName=${'x'.repeat(70)}&PolicyArn=nope&PolicyDocument=%7Bbad`, `${head}&Tags.member.1.Key=&RoleName=other`]) {
        const res = await fetch(app.url, { method: 'POST', headers: { authorization: fakeAuth(service), 'content-type': 'application/x-www-form-urlencoded' }, body });
        const text = await res.text();
        if (res.status >= 300) {
          failures++;
          assert.ok(res.status < 500 || res.status === 501, `${service} ${name}: ${res.status} ${text.slice(0, 200)}`);
          assert.match(text, QUERY_ERROR, `${service} ${name}`);
        }
      }
    }
  }
  for (const service of ['ssm', 'logs', 'ecr'] as const) {
    const model = loadModel(service);
    for (const name of Object.keys(model.operations)) {
      for (const body of ['{not json', '{}', '{"Name":"/other","Value":5,"logGroupName":"/other","logEvents":"x"}', '{"Names":[],"Path":"nope","filterPattern":"{ $.a = "}']) {
        const res = await fetch(app.url, { method: 'POST', headers: { authorization: fakeAuth(service), 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `${model.metadata.targetPrefix}.${name}` }, body });
        const text = await res.text();
        if (res.status >= 300) {
          failures++;
          assert.ok(res.status < 500 || res.status === 501, `${service} ${name}: ${res.status} ${text.slice(0, 200)}`);
          assert.match(text, JSON_ERROR, `${service} ${name}`);
        }
      }
    }
  }
  assert.ok(failures > 500);
  assert.equal(await state(), before);
  iam.destroy();
  ssm.destroy();
  logs.destroy();
});
