import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pythonRepr } from './views.ts';

// GetTemplateSummary's Metadata reads as a Python literal (recorded on AWS:
// "{'TopicName': 'sns-topic-simple'}"); the quoting below is what Python's repr() prints.
test('Metadata is written as a Python literal', () => {
  assert.equal(pythonRepr({ TopicName: 'sns-topic-simple' }), "{'TopicName': 'sns-topic-simple'}");
  assert.equal(pythonRepr({ a: "it's", b: 'x\\y\n', c: [1, true, 'q"'], d: 'both \' "' }), `{'a': "it's", 'b': 'x\\\\y\\n', 'c': [1, True, 'q"'], 'd': 'both \\' "'}`);
});
