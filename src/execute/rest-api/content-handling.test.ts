import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestGatewayError } from './errors.ts';
import { decodeBase64, requestPayload, responsePayload } from './content-handling.ts';

const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
const b64 = Buffer.from(bin.toString('base64'));
const text = Buffer.from('{"a":1}');

test('request payload conversions follow the AWS table', () => {
  assert.deepEqual(requestPayload(text, false, undefined), text);
  assert.deepEqual(requestPayload(text, false, 'CONVERT_TO_TEXT'), text);
  assert.deepEqual(requestPayload(b64, false, 'CONVERT_TO_BINARY'), bin);
  assert.deepEqual(requestPayload(bin, true, undefined), bin);
  assert.deepEqual(requestPayload(bin, true, 'CONVERT_TO_BINARY'), bin);
  assert.deepEqual(requestPayload(bin, true, 'CONVERT_TO_TEXT'), b64);
});

test('response payload conversions follow the AWS table', () => {
  const t = { payloadBinary: false, acceptBinary: false };
  const tb = { payloadBinary: false, acceptBinary: true };
  const bt = { payloadBinary: true, acceptBinary: false };
  const bb = { payloadBinary: true, acceptBinary: true };
  assert.deepEqual(responsePayload(text, t, undefined), text);
  assert.deepEqual(responsePayload(b64, t, 'CONVERT_TO_BINARY'), bin);
  assert.deepEqual(responsePayload(text, t, 'CONVERT_TO_TEXT'), text);
  assert.deepEqual(responsePayload(b64, tb, undefined), bin);
  assert.deepEqual(responsePayload(b64, tb, 'CONVERT_TO_BINARY'), bin);
  assert.deepEqual(responsePayload(text, tb, 'CONVERT_TO_TEXT'), text);
  assert.deepEqual(responsePayload(bin, bt, undefined), b64);
  assert.deepEqual(responsePayload(bin, bt, 'CONVERT_TO_BINARY'), bin);
  assert.deepEqual(responsePayload(bin, bt, 'CONVERT_TO_TEXT'), b64);
  assert.deepEqual(responsePayload(bin, bb, undefined), bin);
  assert.deepEqual(responsePayload(bin, bb, 'CONVERT_TO_BINARY'), bin);
  assert.deepEqual(responsePayload(bin, bb, 'CONVERT_TO_TEXT'), b64);
});

test('text that is not base64 cannot be converted to binary: API configuration error', () => {
  assert.throws(() => decodeBase64(Buffer.from('not base64!')), (e: unknown) => e instanceof RestGatewayError && e.type === 'API_CONFIGURATION_ERROR');
  assert.deepEqual(decodeBase64(Buffer.from('aGk=\n')), Buffer.from('hi'));
  assert.deepEqual(decodeBase64(Buffer.alloc(0)), Buffer.alloc(0));
});
