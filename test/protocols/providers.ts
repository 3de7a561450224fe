// Small in-memory providers, one per new protocol's service, written only to drive the
// protocol engines end to end from boto3 and the AWS CLI. They are test fixtures, not the
// product's providers: each keeps just enough state to round-trip values of every type.
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { AwsError } from '../../src/protocol/errors.ts';
import { ServiceRouter, type RequestContext } from '../../src/protocol/engine.ts';
import { controlPlaneHandler } from '../../src/server/control-plane.ts';
import { createLocalgateServer, listen } from '../../src/server/server.ts';
import { serviceDefinitions } from '../../src/services/index.ts';
import type * as S3 from '../../src/models/s3.types.ts';
import type * as Ssm from '../../src/models/ssm.types.ts';
import type * as Sts from '../../src/models/sts.types.ts';
import type * as Cfn from '../../src/models/cloudformation.types.ts';
import type * as Iam from '../../src/models/iam.types.ts';
import type * as Logs from '../../src/models/logs.types.ts';

const created = new Date('2024-05-06T07:08:09.000Z');

class TestSts implements Partial<Sts.Operations> {
  getCallerIdentity(_: unknown, ctx: RequestContext): Sts.GetCallerIdentityResponse {
    return { Account: ctx.account, Arn: `arn:aws:iam::${ctx.account}:user/tester`, UserId: 'AIDATESTER' };
  }
  assumeRole(input: Sts.AssumeRoleRequest): Sts.AssumeRoleResponse {
    if (input.Policy === 'not json') throw new AwsError('MalformedPolicyDocumentException', 'The policy is not in the valid JSON format.');
    return {
      AssumedRoleUser: { Arn: `${input.RoleArn}/${input.RoleSessionName}`, AssumedRoleId: `AROATEST:${input.RoleSessionName}` },
      Credentials: { AccessKeyId: 'ASIATEST', SecretAccessKey: 'secret', SessionToken: `tags=${(input.Tags ?? []).map((t) => `${t.Key}:${t.Value}`).join(',')}`, Expiration: created },
      PackedPolicySize: input.DurationSeconds,
    };
  }
}

class TestCloudFormation implements Partial<Cfn.Operations> {
  stacks = new Map<string, Cfn.CreateStackInput>();
  createStack(input: Cfn.CreateStackInput): Cfn.CreateStackOutput {
    this.stacks.set(input.StackName, input);
    return { StackId: `arn:aws:cloudformation:us-east-1:000000000000:stack/${input.StackName}/1` };
  }
  describeStacks(input: Cfn.DescribeStacksInput): Cfn.DescribeStacksOutput {
    const stack = this.stacks.get(input.StackName ?? '');
    if (!stack) throw new AwsError('ValidationError', `Stack with id ${input.StackName} does not exist`);
    return {
      Stacks: [
        {
          StackName: stack.StackName,
          StackId: `arn:aws:cloudformation:us-east-1:000000000000:stack/${stack.StackName}/1`,
          CreationTime: created,
          StackStatus: 'CREATE_COMPLETE',
          Parameters: stack.Parameters,
          Capabilities: stack.Capabilities,
          Tags: stack.Tags,
          Outputs: [{ OutputKey: 'Url', OutputValue: 'http://x & <y>' }],
          DisableRollback: stack.DisableRollback ?? false,
          TimeoutInMinutes: stack.TimeoutInMinutes,
        },
      ],
    };
  }
}

class TestIam implements Partial<Iam.Operations> {
  getRole(input: Iam.GetRoleRequest): Iam.GetRoleResponse {
    throw new AwsError('NoSuchEntityException', `The role with name ${input.RoleName} cannot be found.`);
  }
}

class TestSsm implements Partial<Ssm.Operations> {
  params = new Map<string, Ssm.PutParameterRequest>();
  putParameter(input: Ssm.PutParameterRequest): Ssm.PutParameterResult {
    this.params.set(input.Name, input);
    return { Version: 1, Tier: 'Standard' };
  }
  getParameter(input: Ssm.GetParameterRequest): Ssm.GetParameterResult {
    const p = this.params.get(input.Name);
    if (!p) throw new AwsError('ParameterNotFound', '');
    return { Parameter: { Name: p.Name, Value: p.Value, Type: p.Type ?? 'String', Version: 1, LastModifiedDate: created } };
  }
}

class TestLogs implements Partial<Logs.Operations> {
  groups = new Set<string>();
  createLogGroup(input: Logs.CreateLogGroupRequest): void {
    if (this.groups.has(input.logGroupName)) throw new AwsError('ResourceAlreadyExistsException', 'The specified log group already exists');
    this.groups.add(input.logGroupName);
  }
  describeLogGroups(): Logs.DescribeLogGroupsResponse {
    return { logGroups: [...this.groups].map((logGroupName) => ({ logGroupName, creationTime: created.getTime(), storedBytes: 0 })) };
  }
}

interface StoredObject {
  body: Buffer;
  contentType?: string;
  metadata?: Record<string, string>;
  /** How the body arrived: proves the engine handed over a stream, not a buffer. */
  arrivedAsStream: boolean;
  trailers: Record<string, string>;
}

class TestS3 implements Partial<S3.Operations> {
  buckets = new Map<string, { region?: string; objects: Map<string, StoredObject> }>();

  createBucket(input: S3.CreateBucketRequest): S3.CreateBucketOutput {
    if (this.buckets.has(input.Bucket)) throw new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', undefined, { BucketName: input.Bucket });
    this.buckets.set(input.Bucket, { region: input.CreateBucketConfiguration?.LocationConstraint, objects: new Map() });
    return { Location: `/${input.Bucket}` };
  }
  listBuckets(): S3.ListBucketsOutput {
    return { Buckets: [...this.buckets.keys()].map((Name) => ({ Name, CreationDate: created })), Owner: { ID: 'owner', DisplayName: 'tester' } };
  }
  getBucketLocation(input: S3.GetBucketLocationRequest): S3.GetBucketLocationOutput {
    return { LocationConstraint: this.bucket(input.Bucket).region as S3.BucketLocationConstraint };
  }
  async putObject(input: S3.PutObjectRequest): Promise<S3.PutObjectOutput> {
    const bucket = this.bucket(input.Bucket);
    const chunks: Buffer[] = [];
    for await (const chunk of input.Body!) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    bucket.objects.set(input.Key, { body, contentType: input.ContentType, metadata: input.Metadata, arrivedAsStream: !Buffer.isBuffer(input.Body), trailers: { ...input.Body!.trailers } });
    return { ETag: `"${createHash('md5').update(body).digest('hex')}"` };
  }
  getObject(input: S3.GetObjectRequest): S3.GetObjectOutput {
    const obj = this.object(input.Bucket, input.Key);
    const headers = {
      'x-test-arrived-as-stream': String(obj.arrivedAsStream),
      'x-test-trailers': Object.keys(obj.trailers).sort().join(','),
    };
    return {
      Body: Readable.from([obj.body.subarray(0, 1), obj.body.subarray(1)]),
      ContentLength: obj.body.length,
      ContentType: obj.contentType,
      ETag: `"${createHash('md5').update(obj.body).digest('hex')}"`,
      LastModified: created,
      Metadata: { ...obj.metadata, ...headers },
    };
  }
  headObject(input: S3.HeadObjectRequest): S3.HeadObjectOutput {
    const obj = this.object(input.Bucket, input.Key);
    return { ContentLength: obj.body.length, ContentType: obj.contentType, LastModified: created };
  }
  listObjectsV2(input: S3.ListObjectsV2Request): S3.ListObjectsV2Output {
    const keys = [...this.bucket(input.Bucket).objects.keys()].filter((k) => k.startsWith(input.Prefix ?? '')).sort();
    return {
      Name: input.Bucket,
      Prefix: input.Prefix,
      KeyCount: keys.length,
      MaxKeys: 1000,
      IsTruncated: false,
      Contents: keys.map((Key) => ({ Key, Size: this.object(input.Bucket, Key).body.length, LastModified: created, StorageClass: 'STANDARD' })),
    };
  }
  deleteObjects(input: S3.DeleteObjectsRequest): S3.DeleteObjectsOutput {
    const bucket = this.bucket(input.Bucket);
    const deleted = input.Delete.Objects.filter((o) => bucket.objects.delete(o.Key));
    return { Deleted: deleted.map((o) => ({ Key: o.Key })) };
  }
  private bucket(name: string) {
    const bucket = this.buckets.get(name);
    if (!bucket) throw new AwsError('NoSuchBucket', 'The specified bucket does not exist', undefined, { BucketName: name });
    return bucket;
  }
  private object(bucket: string, key: string): StoredObject {
    const obj = this.bucket(bucket).objects.get(key);
    if (!obj) throw new AwsError('NoSuchKey', 'The specified key does not exist.', undefined, { Key: key });
    return obj;
  }
}

/** A control-plane-only server on a random loopback port with the test providers; the
 * rest-json services get empty providers (they answer NotImplementedException). */
export async function startProtocolServer() {
  const providers = { sts: new TestSts(), cloudformation: new TestCloudFormation(), iam: new TestIam(), ssm: new TestSsm(), logs: new TestLogs(), s3: new TestS3() };
  const services = serviceDefinitions({ apigatewayv2: {}, apigateway: {}, lambda: {}, apigatewaymanagementapi: {}, ecr: {}, ...providers });
  let port = 0;
  const server = createLocalgateServer({ baseUrl: () => `http://localhost:${port}`, awsDefaults: { account: '000000000000', region: 'us-east-1' }, handlers: [controlPlaneHandler(new ServiceRouter(services))] });
  port = ((await listen(server, 0, '127.0.0.1')) as AddressInfo).port;
  return {
    url: `http://localhost:${port}`,
    providers,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
