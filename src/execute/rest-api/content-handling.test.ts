import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestGatewayError } from './errors.ts';
import { decodeBase64, requestPayload, responsePayload } from './content-handling.ts';

const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
const b64 = Buffer.from(bin.toString('base64'));
const text = Buffer.from('{"a":1}');

// AWS's content handling tables as rows: the payload, whether it is binary (request) or
// which kinds the payload and the Accept header are (response), contentHandling, the result.
type Handling = 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY' | undefined;

test('request payload conversions follow the AWS table', () => {
  const table: Array<[Buffer, boolean, Handling, Buffer]> = [
    [text, false, undefined, text],
    [text, false, 'CONVERT_TO_TEXT', text],
    [b64, false, 'CONVERT_TO_BINARY', bin],
    [bin, true, undefined, bin],
    [bin, true, 'CONVERT_TO_BINARY', bin],
    [bin, true, 'CONVERT_TO_TEXT', b64],
  ];
  for (const [payload, binary, handling, expected] of table) assert.deepEqual(requestPayload(payload, binary, handling), expected, `${binary ? 'binary' : 'text'} payload, ${handling}`);
});

test('response payload conversions follow the AWS table', () => {
  // A text or binary payload, for a client that accepts text or binary.
  const textForText = { payloadBinary: false, acceptBinary: false };
  const textForBinary = { payloadBinary: false, acceptBinary: true };
  const binaryForText = { payloadBinary: true, acceptBinary: false };
  const binaryForBinary = { payloadBinary: true, acceptBinary: true };
  const table: Array<[Buffer, { payloadBinary: boolean; acceptBinary: boolean }, Handling, Buffer]> = [
    [text, textForText, undefined, text],
    [b64, textForText, 'CONVERT_TO_BINARY', bin],
    [text, textForText, 'CONVERT_TO_TEXT', text],
    [b64, textForBinary, undefined, bin],
    [b64, textForBinary, 'CONVERT_TO_BINARY', bin],
    [text, textForBinary, 'CONVERT_TO_TEXT', text],
    [bin, binaryForText, undefined, b64],
    [bin, binaryForText, 'CONVERT_TO_BINARY', bin],
    [bin, binaryForText, 'CONVERT_TO_TEXT', b64],
    [bin, binaryForBinary, undefined, bin],
    [bin, binaryForBinary, 'CONVERT_TO_BINARY', bin],
    [bin, binaryForBinary, 'CONVERT_TO_TEXT', b64],
  ];
  for (const [payload, kinds, handling, expected] of table) assert.deepEqual(responsePayload(payload, kinds, handling), expected, `${JSON.stringify(kinds)}, ${handling}`);
});

test('text that is not base64 cannot be converted to binary: API configuration error', () => {
  assert.throws(() => decodeBase64(Buffer.from('not base64!')), (e: unknown) => e instanceof RestGatewayError && e.type === 'API_CONFIGURATION_ERROR');
  assert.deepEqual(decodeBase64(Buffer.from('aGk=\n')), Buffer.from('hi'));
  assert.deepEqual(decodeBase64(Buffer.alloc(0)), Buffer.alloc(0));
});
