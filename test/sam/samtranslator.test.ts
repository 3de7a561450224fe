// Each fixture's expansion compared with samtranslator's (AWS's SAM translator, run offline by
// translate.py): the same logical ids, types and properties, and for the fixtures under
// errors/ the same error message. Skipped, saying so, when samtranslator is not installed.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { expandServerless } from '../../src/cloudformation/transforms/sam/index.ts';

const here = import.meta.dirname;
const fixtures = join(here, 'fixtures');
const ctx = { account: '123456789012', region: 'us-east-1', stackName: 'sam-test', parameters: {} };
const hasSamTranslator = spawnSync('python3', ['-c', 'import samtranslator'], { stdio: 'ignore' }).status === 0;
const skip = hasSamTranslator ? false : 'samtranslator (pip install aws-sam-translator) is not installed: nothing to compare with';

const errorsDir = join(fixtures, 'errors');
const jsonIn = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.json'));

/** samtranslator's answer for every fixture, from one Python process. */
let answers: Record<string, any> | undefined;
function samtranslator(file: string): any {
  answers ??= JSON.parse(
    execFileSync('python3', [join(here, 'translate.py'), ...jsonIn(fixtures).map((f) => join(fixtures, f)), ...jsonIn(errorsDir).map((f) => join(errorsDir, f))], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    }),
  );
  return answers![file];
}

/**
 * SAM names a REST API deployment by hashing Python's repr() of the body, which only Python
 * can reproduce; the digits are masked on both sides (the shape `<Api>Deployment<10 hex>` is
 * asserted, and that the digits follow the body is a unit test).
 */
function maskDeploymentHashes(template: any): any {
  const text = JSON.stringify(template)
    .replace(/Deployment[0-9a-f]{10}"/g, 'Deployment##########"')
    .replace(/deployment id: [0-9a-f]{40}/g, 'deployment id: #');
  return JSON.parse(text);
}

/**
 * Differences that are localgate's on purpose: resources and role policies SAM generates for
 * event sources localgate does not serve (reported as warnings instead).
 */
const EXPECTED_DIFFERENCES: Record<string, { samOnly: string[]; warnings: string[]; samOnlyManagedPolicies?: Record<string, string[]> }> = {
  'globals.json': {
    samOnly: ['SecondNightly', 'SecondNightlyPermission', 'SecondQueue'],
    samOnlyManagedPolicies: { SecondRole: ['arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole'] },
    warnings: [
      'Second: event Queue (SQS) is skipped: localgate does not serve SQS event sources; the function is deployed without it',
      'Second: event Nightly (Schedule) is skipped: localgate does not serve Schedule event sources; the function is deployed without it',
    ],
  },
};

describe('SAM transform against samtranslator', { skip }, () => {
  for (const name of jsonIn(fixtures)) {
    it(name, () => {
      const file = join(fixtures, name);
      const expected = maskDeploymentHashes(samtranslator(file));
      const { template, warnings } = expandServerless(JSON.parse(readFileSync(file, 'utf8')), ctx);
      const actual = maskDeploymentHashes(template);
      const differences = EXPECTED_DIFFERENCES[name];
      for (const id of differences?.samOnly ?? []) delete expected.Resources[id];
      for (const [role, arns] of Object.entries(differences?.samOnlyManagedPolicies ?? {})) {
        const list = expected.Resources[role].Properties.ManagedPolicyArns as string[];
        expected.Resources[role].Properties.ManagedPolicyArns = list.filter((a) => !arns.includes(a));
      }
      assert.deepEqual(Object.keys(actual.Resources).sort(), Object.keys(expected.Resources).sort());
      for (const id of Object.keys(expected.Resources)) assert.deepEqual(actual.Resources[id], expected.Resources[id], id);
      assert.deepEqual(actual.Outputs, expected.Outputs);
      assert.equal(actual.Transform, undefined);
      assert.deepEqual(warnings, differences?.warnings ?? []);
    });
  }
});

describe('SAM transform errors against samtranslator', { skip }, () => {
  for (const name of jsonIn(errorsDir)) {
    it(name, () => {
      const file = join(errorsDir, name);
      const sam = samtranslator(file);
      assert.ok(sam.error, 'samtranslator refuses the fixture');
      const template = JSON.parse(readFileSync(file, 'utf8'));
      const before = JSON.stringify(template);
      assert.throws(() => expandServerless(template, ctx), { name: 'SamTransformError', samMessage: `${sam.error} ${sam.causes.join(' ')}` });
      assert.equal(JSON.stringify(template), before, 'the input template is left as it was');
    });
  }
});
