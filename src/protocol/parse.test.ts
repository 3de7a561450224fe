// Validation messages as AWS words them: values quoted, a bad list element reported as the
// whole list with every constraint of the element shape, and a service's ValidationStyle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from './errors.ts';
import type { ServiceModel } from './model.ts';
import { validateInput, parseInput } from './parse.ts';

const model = {
  metadata: {},
  operations: {},
  shapes: {
    PutThingRequest: {
      type: 'structure',
      members: {
        thingId: { shape: 'String', location: 'uri', locationName: 'thing_id' },
        retries: { shape: 'Retries' },
        archs: { shape: 'Archs' },
        kind: { shape: 'Kind' },
      },
    },
    String: { type: 'string' },
    Retries: { type: 'integer', min: 0, max: 2 },
    Archs: { type: 'list', member: { shape: 'Arch' } },
    Arch: { type: 'string', enum: ['x86_64', 'arm64'] },
    Kind: { type: 'string', enum: ['A', 'B', 'C'] },
  },
} as unknown as ServiceModel;

const opts = { validationErrorCode: 'ValidationException', malformedBodyCode: 'BadRequest' };

function messageOf(run: () => void): string {
  try {
    run();
  } catch (err) {
    assert.ok(err instanceof AwsError);
    assert.equal(err.code, 'ValidationException');
    return err.message;
  }
  assert.fail('expected a validation error');
}

test('numbers are quoted like strings', () => {
  assert.equal(
    messageOf(() => validateInput(model, 'PutThingRequest', { retries: 5 }, opts)),
    "1 validation error detected: Value '5' at 'retries' failed to satisfy constraint: Member must have value less than or equal to 2",
  );
});

test('a bad list element is reported as the whole list', () => {
  assert.equal(
    messageOf(() => validateInput(model, 'PutThingRequest', { archs: ['x86_64', 'x86'] }, opts)),
    "1 validation error detected: Value '[x86_64, x86]' at 'archs' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]",
  );
});

test('a ValidationStyle names body members under the input and lists enums in its order; labels keep their member name', () => {
  const styled = { ...opts, validationStyle: { inputPrefix: true, enumOrder: { Kind: ['C', 'A', 'B'] } } };
  const wire = (body: object, labels: Record<string, string> = {}) => ({ labels, query: new URLSearchParams(), headers: {}, body: Buffer.from(JSON.stringify(body)) });
  assert.equal(
    messageOf(() => parseInput(model, 'PutThingRequest', wire({ kind: 'D' }), styled)),
    "1 validation error detected: Value 'D' at 'putThingInput.kind' failed to satisfy constraint: Member must satisfy enum value set: [C, A, B]",
  );
  assert.deepEqual(parseInput(model, 'PutThingRequest', wire({ kind: 'A' }, { thing_id: 't' }), styled).input, { thingId: 't', kind: 'A' });
});
