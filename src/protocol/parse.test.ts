// Validation messages as AWS words them: values quoted, a bad list element reported as the
// whole list with every constraint of the element shape, every failing member reported in
// the model's member order, and a service's ValidationStyle.
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
        label: { shape: 'Label' },
        limit: { shape: 'Retries', location: 'querystring', locationName: 'limit' },
        owner: { shape: 'String' },
      },
      required: ['owner'],
    },
    String: { type: 'string' },
    Retries: { type: 'integer', min: 0, max: 2 },
    Archs: { type: 'list', member: { shape: 'Arch' } },
    Arch: { type: 'string', enum: ['x86_64', 'arm64'] },
    Kind: { type: 'string', enum: ['A', 'B', 'C'] },
    Label: { type: 'string', min: 3, max: 5, pattern: '[a-z]+' },
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
    messageOf(() => validateInput(model, 'PutThingRequest', { owner: 'me', retries: 5 }, opts)),
    "1 validation error detected: Value '5' at 'retries' failed to satisfy constraint: Member must have value less than or equal to 2",
  );
});

test('a bad list element is reported as the whole list', () => {
  assert.equal(
    messageOf(() => validateInput(model, 'PutThingRequest', { owner: 'me', archs: ['x86_64', 'x86'] }, opts)),
    "1 validation error detected: Value '[x86_64, x86]' at 'archs' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]",
  );
});

test('a ValidationStyle names body members under the input and lists enums in its order; labels keep their member name', () => {
  const styled = { ...opts, validationStyle: { inputPrefix: true, enumOrder: { Kind: ['C', 'A', 'B'] } } };
  const wire = (body: object, labels: Record<string, string> = {}) => ({ labels, query: new URLSearchParams(), headers: {}, body: Buffer.from(JSON.stringify(body)) });
  assert.equal(
    messageOf(() => parseInput(model, 'PutThingRequest', wire({ owner: 'me', kind: 'D' }), styled)),
    "1 validation error detected: Value 'D' at 'putThingInput.kind' failed to satisfy constraint: Member must satisfy enum value set: [C, A, B]",
  );
  assert.deepEqual(parseInput(model, 'PutThingRequest', wire({ owner: 'me', kind: 'A' }, { thing_id: 't' }), styled).input, { thingId: 't', kind: 'A', owner: 'me' });
});

test('every failing member is reported, in the order of the model\'s members, whatever the order of the request', () => {
  const wire = (body: object, query = '') => ({ labels: {}, query: new URLSearchParams(query), headers: {}, body: Buffer.from(JSON.stringify(body)) });
  assert.equal(
    messageOf(() => parseInput(model, 'PutThingRequest', wire({ owner: 'me', kind: 'D', archs: ['x86'], retries: 3 }, 'limit=9'), opts)),
    "4 validation errors detected: Value '3' at 'retries' failed to satisfy constraint: Member must have value less than or equal to 2; " +
      "Value '[x86]' at 'archs' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]; " +
      "Value 'D' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [A, B, C]; " +
      "Value '9' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 2",
  );
});

test('a missing required member takes its place among the faults; a value breaking several constraints is reported once for each', () => {
  assert.equal(
    messageOf(() => validateInput(model, 'PutThingRequest', { label: 'ABCDEF', kind: 'Z' }, opts)),
    "4 validation errors detected: Value 'Z' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [A, B, C]; " +
      "Value 'ABCDEF' at 'label' failed to satisfy constraint: Member must have length less than or equal to 5; " +
      "Value 'ABCDEF' at 'label' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+; " +
      "Value null at 'owner' failed to satisfy constraint: Member must not be null",
  );
});

test('a value of the wrong type is reported and the other members are still checked', () => {
  assert.equal(
    messageOf(() => validateInput(model, 'PutThingRequest', { owner: 'me', retries: 'many', kind: 'Z' }, opts)),
    "2 validation errors detected: Value 'many' at 'retries' failed to satisfy constraint: Member must be an integer; " +
      "Value 'Z' at 'kind' failed to satisfy constraint: Member must satisfy enum value set: [A, B, C]",
  );
});

test('a ValidationStyle can leave "not null" out for one list, and check a list against its own value set', () => {
  const styled = { ...opts, validationStyle: { omitElementNotNull: ['archs'], listEnums: { label: () => [] } } };
  assert.equal(
    messageOf(() => validateInput(model, 'PutThingRequest', { owner: 'me', archs: ['x86'] }, styled)),
    "1 validation error detected: Value '[x86]' at 'archs' failed to satisfy constraint: Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]",
  );
});

test('a ValidationStyle may answer its own error for a boolean given for a string', () => {
  const wire = (body: object) => ({ labels: {}, query: new URLSearchParams(), headers: {}, body: Buffer.from(JSON.stringify(body)) });
  const serialization = { ...opts, validationStyle: { booleanForString: () => new AwsError('SerializationException', 'no boolean here') } };
  assert.throws(() => parseInput(model, 'PutThingRequest', wire({ owner: true }), serialization), { code: 'SerializationException', message: 'no boolean here' });
});
