// Malformed SAM input gets SAM's error, never a crash: every value of every fixture replaced,
// one at a time, by values of the wrong shape.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { expandServerless, SamTransformError } from '../../src/cloudformation/transforms/sam/index.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const ctx = { account: '123456789012', region: 'us-east-1', stackName: 'bad', parameters: {} };
const WRONG_SHAPES = [null, 5, 'x', [], {}, [1], { Ref: 'Nowhere' }];

/** Every path to a value inside the template's Resources and Globals. */
function paths(value: unknown, path: string[]): string[][] {
  const out = [path];
  if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...path, k]));
  return out;
}

it('refuses or expands every malformed variant of the fixtures, never throwing anything but SAM errors', () => {
  let variants = 0;
  for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.json'))) {
    const template = JSON.parse(readFileSync(join(fixtures, name), 'utf8'));
    const targets = [...paths(template.Resources, ['Resources']), ...(template.Globals ? paths(template.Globals, ['Globals']) : [])].filter((p) => p.length > 1);
    for (const path of targets) {
      for (const wrong of WRONG_SHAPES) {
        const variant = structuredClone(template);
        let parent = variant;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1]] = structuredClone(wrong);
        variants++;
        try {
          expandServerless(variant, ctx);
        } catch (e) {
          assert.ok(e instanceof SamTransformError, `${name} ${path.join('.')} = ${JSON.stringify(wrong)}: ${(e as Error).stack}`);
        }
      }
    }
  }
  assert.ok(variants > 1000);
});
