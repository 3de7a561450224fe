// `localgate deploy PATH`: deploys a template, a cdk.out directory or a .serverless
// directory into a running localgate through its CloudFormation API (the same API the AWS
// CLI and SDKs use), then prints the stack's outputs and the local invoke URLs.
import { createHash } from 'node:crypto';
import { createReadStream, statSync, watch } from 'node:fs';
import { basename, resolve } from 'node:path';
import { APIGatewayClient } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client } from '@aws-sdk/client-apigatewayv2';
import { CloudFormationClient, ListStackResourcesCommand, type StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { DeployedStack } from '../api-types.ts';
import { invokeUrlLine, stackApiStages } from './invoke-urls.ts';
import { resolveLocalCode, type Uploader } from './local-code.ts';
import { readDeploySource, type StackToDeploy } from './sources.ts';
import { formatOutputs, StackDeployer } from './stack-client.ts';

export const DEPLOY_USAGE = `Usage: localgate deploy PATH [options]

PATH is a CloudFormation or SAM template (JSON or YAML), a cdk.out directory, or a
.serverless directory from \`serverless package\` (or a folder holding one of these).

Options:
  --endpoint <url>                   the running localgate (default $AWS_ENDPOINT_URL or http://localhost:4566)
  --stack-name <name>                stack name (template: default the template's folder name;
                                     cdk.out: deploy only this stack; .serverless: default {service}-{stage})
  --parameter-overrides K=V [K=V..]  template parameter values
  --region <region>                  region to deploy into (default $AWS_REGION or us-east-1)
  --skip-unsupported                 deploy the resources localgate serves and skip the others, with a warning
  --watch                            redeploy when the template or cdk.out/.serverless changes
                                     (code directories are served hot: edits apply on the next invoke)
  -h, --help                         show this help`;

export interface DeployOptions {
  path: string;
  endpoint: string;
  stackName?: string;
  parameters: Record<string, string>;
  region: string;
  skipUnsupported: boolean;
  watch: boolean;
}

export function parseDeployArgs(args: string[], env: NodeJS.ProcessEnv = process.env): DeployOptions | 'help' {
  const options: DeployOptions = {
    path: '',
    endpoint: env.AWS_ENDPOINT_URL ?? 'http://localhost:4566',
    parameters: {},
    region: env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? env.LOCALGATE_REGION ?? 'us-east-1',
    skipUnsupported: false,
    watch: false,
  };
  const value = (i: number, flag: string) => {
    const v = args[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') return 'help';
    else if (arg === '--endpoint') options.endpoint = value(i++, arg);
    else if (arg === '--stack-name') options.stackName = value(i++, arg);
    else if (arg === '--region') options.region = value(i++, arg);
    else if (arg === '--skip-unsupported') options.skipUnsupported = true;
    else if (arg === '--watch') options.watch = true;
    else if (arg === '--parameter-overrides') {
      while (args[i + 1] !== undefined && !args[i + 1].startsWith('--')) {
        const pair = args[++i];
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new Error(`--parameter-overrides takes Key=Value pairs, not ${pair}`);
        options.parameters[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg} (see localgate deploy --help)`);
    else if (!options.path) options.path = arg;
    else throw new Error(`unexpected argument ${arg}`);
  }
  if (!options.path) throw new Error('localgate deploy needs a PATH (see localgate deploy --help)');
  return options;
}

export async function runDeploy(args: string[]): Promise<number> {
  let options: DeployOptions | 'help';
  try {
    options = parseDeployArgs(args);
  } catch (err) {
    console.error(`localgate deploy: ${(err as Error).message}`);
    return 2;
  }
  if (options === 'help') {
    console.log(DEPLOY_USAGE);
    return 0;
  }
  const deployment = new Deployment(options, (line) => console.log(line));
  const ok = await deployment.deployAll();
  if (!options.watch) {
    deployment.destroy();
    return ok ? 0 : 1;
  }
  await deployment.watchForChanges();
  return 0;
}

/** Deploys every stack of `options.path` once (the programmatic API's deploy, src/api.ts);
 * rejects on the first that fails. */
export async function deployOnce(options: DeployOptions, log: (line: string) => void): Promise<DeployedStack[]> {
  const deployment = new Deployment(options, log);
  try {
    return await deployment.deployStacks();
  } finally {
    deployment.destroy();
  }
}

const DEPLOY_BUCKET = 'localgate-deploy-assets';

class Deployment {
  private readonly config;
  private readonly cfn: CloudFormationClient;
  private readonly s3: S3Client;
  private readonly deployer: StackDeployer;
  private bucketReady = false;

  constructor(
    private readonly options: DeployOptions,
    private readonly log: (line: string) => void,
  ) {
    this.config = {
      endpoint: options.endpoint,
      region: options.region,
      credentials: { accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? 'test', secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? 'test' },
    };
    this.cfn = new CloudFormationClient(this.config);
    this.s3 = new S3Client({ ...this.config, forcePathStyle: true });
    this.deployer = new StackDeployer(this.cfn);
  }

  destroy() {
    this.cfn.destroy();
    this.s3.destroy();
  }

  /** Deploys every stack of the source in order; false when one failed (the rest are not attempted). */
  async deployAll(): Promise<boolean> {
    try {
      await this.deployStacks();
      return true;
    } catch (err) {
      console.error(`localgate deploy: ${(err as Error).message}`);
      return false;
    }
  }

  async deployStacks(): Promise<DeployedStack[]> {
    const { stacks } = readDeploySource(this.options.path, this.options.stackName);
    const deployed: DeployedStack[] = [];
    for (const stack of stacks) deployed.push(await this.deployStack(stack));
    return deployed;
  }

  private async deployStack(source: StackToDeploy): Promise<DeployedStack> {
    const log = this.log;
    const tags = this.options.skipUnsupported ? { 'localgate:skip-unsupported': 'true' } : undefined;
    const common = { stackName: source.stackName, parameters: this.options.parameters, tags, log, uploadTemplate: (body: string) => this.uploadTemplate(body) };
    log(`Deploying ${source.stackName} to ${this.options.endpoint} (${this.options.region})`);
    let assets = source.assetsByKey;
    if (source.createTemplate) {
      // serverless: the deployment bucket first, then the artifacts into it, as `serverless deploy` does.
      if (!(await this.deployer.describe(source.stackName))) {
        await this.deployer.deploy({ ...common, template: source.createTemplate, parameters: {} });
      }
      const bucket = await this.deploymentBucket(source.stackName);
      for (const [key, path] of assets) await this.putFile(bucket, key, path);
      assets = new Map();
    }
    const template = await resolveLocalCode(source.template, source.baseDir, assets, this.uploader());
    const result = await this.deployer.deploy({ ...common, template });
    log(result.status === 'unchanged' ? `${source.stackName}: no changes` : `${source.stackName}: ${result.stack.StackStatus}`);
    const outputs = formatOutputs(result.stack.Outputs);
    if (outputs.length) log(['Outputs:', ...outputs].join('\n'));
    const clients = { v1: new APIGatewayClient(this.config), v2: new ApiGatewayV2Client(this.config) };
    const apis = await stackApiStages(this.options.endpoint, await this.stackResources(source.stackName), clients).finally(() => {
      clients.v1.destroy();
      clients.v2.destroy();
    });
    if (apis.length) log(['Invoke URLs:', ...apis.map(invokeUrlLine)].join('\n'));
    return {
      stackName: source.stackName,
      status: result.stack.StackStatus!,
      outputs: Object.fromEntries((result.stack.Outputs ?? []).map((o) => [o.OutputKey!, o.OutputValue!])),
      apis,
    };
  }

  private async deploymentBucket(stackName: string): Promise<string> {
    const stack = await this.deployer.describe(stackName);
    const bucket = stack?.Outputs?.find((o) => o.OutputKey === 'ServerlessDeploymentBucketName')?.OutputValue;
    if (!bucket) throw new Error(`${stackName} has no ServerlessDeploymentBucketName output`);
    return bucket;
  }

  private async stackResources(stackName: string): Promise<StackResourceSummary[]> {
    const out: StackResourceSummary[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.cfn.send(new ListStackResourcesCommand({ StackName: stackName, NextToken }));
      out.push(...(page.StackResourceSummaries ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  }

  private uploader(): Uploader {
    return {
      upload: async (path, key) => {
        await this.ensureBucket();
        const objectKey = key ?? `${await fileHash(path)}/${basename(path)}`;
        await this.putFile(DEPLOY_BUCKET, objectKey, path);
        return { bucket: DEPLOY_BUCKET, key: objectKey };
      },
    };
  }

  private async uploadTemplate(body: string): Promise<string> {
    await this.ensureBucket();
    const key = `templates/${createHash('sha256').update(body).digest('hex')}.json`;
    await this.s3.send(new PutObjectCommand({ Bucket: DEPLOY_BUCKET, Key: key, Body: body }));
    return `${this.options.endpoint}/${DEPLOY_BUCKET}/${key}`;
  }

  private async ensureBucket() {
    if (this.bucketReady) return;
    try {
      await this.s3.send(new CreateBucketCommand({ Bucket: DEPLOY_BUCKET }));
    } catch (err: any) {
      if (err?.name !== 'BucketAlreadyOwnedByYou') throw err;
    }
    this.bucketReady = true;
  }

  private async putFile(bucket: string, key: string, path: string) {
    await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: createReadStream(path), ContentLength: statSync(path).size }));
  }

  /** Redeploys on every change to the deploy source (debounced); runs until the process is stopped. */
  async watchForChanges(): Promise<void> {
    const target = resolve(this.options.path);
    const dir = statSync(target).isDirectory() ? target : resolve(target, '..');
    console.log(`Watching ${target} for changes (Ctrl-C to stop)`);
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file && !statSync(target).isDirectory() && resolve(dir, file.toString()) !== target) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(async () => {
          console.log('Change detected: redeploying');
          await this.deployAll();
        });
      }, 300);
    });
    await new Promise<void>((done) => process.once('SIGINT', () => done()));
    watcher.close();
    await running;
    this.destroy();
  }
}

function fileHash(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => done(hash.digest('hex').slice(0, 32)))
      .on('error', fail);
  });
}
