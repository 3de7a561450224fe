// What `localgate deploy PATH` deploys: a template file (CloudFormation or SAM), a cdk.out
// directory (its stacks in dependency order, code taken from the asset directories) or a
// .serverless directory from `serverless package`. Each becomes a list of stacks whose
// templates still name local code, resolved by local-code.ts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseTemplate, type Template } from '../cloudformation/template.ts';

export interface StackToDeploy {
  stackName: string;
  template: Template;
  /** Relative paths in the template resolve against this folder. */
  baseDir: string;
  /** Code and files the template names by S3 key (cdk.out assets, serverless artifacts): key -> local path. */
  assetsByKey: Map<string, string>;
  /** A template to create first (serverless: the deployment bucket), then upload assets, then update. */
  createTemplate?: Template;
}

export type SourceKind = 'template' | 'cdk' | 'serverless';

export function readDeploySource(path: string, stackName?: string): { kind: SourceKind; stacks: StackToDeploy[] } {
  const full = resolve(path);
  if (!existsSync(full)) throw new Error(`${path} does not exist`);
  if (statSync(full).isDirectory()) {
    if (existsSync(join(full, 'manifest.json'))) return { kind: 'cdk', stacks: readCdkOut(full, stackName) };
    if (existsSync(join(full, 'serverless-state.json'))) return { kind: 'serverless', stacks: [readServerless(full, stackName)] };
    if (existsSync(join(full, '.serverless', 'serverless-state.json'))) return { kind: 'serverless', stacks: [readServerless(join(full, '.serverless'), stackName)] };
    if (existsSync(join(full, 'cdk.out', 'manifest.json'))) return { kind: 'cdk', stacks: readCdkOut(join(full, 'cdk.out'), stackName) };
    for (const name of ['template.yaml', 'template.yml', 'template.json']) {
      if (existsSync(join(full, name))) return readDeploySource(join(full, name), stackName);
    }
    throw new Error(`${path} is not a template, a cdk.out directory or a .serverless directory`);
  }
  const template = parseTemplate(readFileSync(full, 'utf8'));
  return { kind: 'template', stacks: [{ stackName: stackName ?? defaultStackName(full), template, baseDir: dirname(full), assetsByKey: new Map() }] };
}

/** The template's folder name, as a stack name (letters, digits and hyphens, starting with a letter). */
function defaultStackName(templatePath: string): string {
  const name = basename(dirname(templatePath)).replace(/[^A-Za-z0-9-]+/g, '-').replace(/^[^A-Za-z]+/, '');
  return name || 'localgate-stack';
}

interface CdkArtifact {
  type: string;
  properties?: { templateFile?: string; stackName?: string; file?: string };
  dependencies?: string[];
}

interface CdkAssetManifest {
  files?: Record<string, { source: { path?: string; packaging?: string }; destinations: Record<string, { objectKey: string }> }>;
}

function readCdkOut(dir: string, only?: string): StackToDeploy[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { artifacts?: Record<string, CdkArtifact> };
  const artifacts = manifest.artifacts ?? {};
  const assetsByKey = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    if (artifact.type !== 'cdk:asset-manifest' || !artifact.properties?.file) continue;
    const assets = JSON.parse(readFileSync(join(dir, artifact.properties.file), 'utf8')) as CdkAssetManifest;
    for (const file of Object.values(assets.files ?? {})) {
      if (!file.source.path) continue;
      for (const destination of Object.values(file.destinations)) assetsByKey.set(destination.objectKey, join(dir, file.source.path));
    }
  }
  // Stacks in dependency order: a stack after the stacks it depends on.
  const stackIds = Object.keys(artifacts).filter((id) => artifacts[id].type === 'aws:cloudformation:stack');
  const ordered: string[] = [];
  const visit = (id: string, path: string[]) => {
    if (ordered.includes(id)) return;
    if (path.includes(id)) throw new Error(`cdk.out: stacks depend on each other in a cycle: ${[...path, id].join(' -> ')}`);
    for (const dep of artifacts[id].dependencies ?? []) if (stackIds.includes(dep)) visit(dep, [...path, id]);
    ordered.push(id);
  };
  stackIds.forEach((id) => visit(id, []));
  const stacks = ordered.map((id) => {
    const artifact = artifacts[id];
    const template = JSON.parse(readFileSync(join(dir, artifact.properties!.templateFile!), 'utf8')) as Template;
    return { stackName: artifact.properties?.stackName ?? id, template: withoutBootstrapCheck(template), baseDir: dir, assetsByKey };
  });
  if (only === undefined) return stacks;
  const chosen = stacks.filter((s) => s.stackName === only);
  if (!chosen.length) throw new Error(`cdk.out has no stack named ${only} (it has: ${stacks.map((s) => s.stackName).join(', ')})`);
  return chosen;
}

/**
 * CDK templates check the bootstrap stack's version (an SSM parameter written by `cdk bootstrap`).
 * `localgate deploy cdk.out` takes assets from cdk.out and needs no bootstrap, so that check goes.
 */
function withoutBootstrapCheck(template: Template): Template {
  const out = { ...template };
  if (out.Parameters?.BootstrapVersion) {
    const { BootstrapVersion: _parameter, ...parameters } = out.Parameters;
    out.Parameters = parameters;
    if (!Object.keys(parameters).length) delete out.Parameters;
  }
  if (out.Rules?.CheckBootstrapVersion) {
    const { CheckBootstrapVersion: _rule, ...rules } = out.Rules;
    out.Rules = rules;
    if (!Object.keys(rules).length) delete out.Rules;
  }
  return out;
}

function readServerless(dir: string, stackName?: string): StackToDeploy {
  const state = JSON.parse(readFileSync(join(dir, 'serverless-state.json'), 'utf8'));
  const service = state.service;
  const name = typeof service.service === 'string' ? service.service : service.service?.name;
  const stage = service.provider?.stage ?? 'dev';
  const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8')) as Template;
  const createTemplate = JSON.parse(readFileSync(join(dir, 'cloudformation-template-create-stack.json'), 'utf8')) as Template;
  // Artifacts live at {artifactDirectoryName}/{zip name} in the deployment bucket.
  const assetsByKey = new Map<string, string>();
  const artifactDir = state.package?.artifactDirectoryName as string | undefined;
  const artifacts = [state.package?.artifact, ...Object.values(service.functions ?? {}).map((f: any) => f.package?.artifact), ...Object.values(service.layers ?? {}).map((l: any) => l.package?.artifact)];
  for (const artifact of artifacts) {
    if (typeof artifact !== 'string' || !artifactDir) continue;
    assetsByKey.set(`${artifactDir}/${basename(artifact)}`, resolve(dir, basename(artifact)));
  }
  return { stackName: stackName ?? `${name}-${stage}`, template, baseDir: dir, assetsByKey, createTemplate };
}
