// Payload encodings of non-proxy integrations, as AWS's "Content type conversions in API
// Gateway" tables give them. A payload is binary when its media type is one of the API's
// binaryMediaTypes; contentHandling CONVERT_TO_TEXT base64-encodes a binary payload and
// CONVERT_TO_BINARY base64-decodes a text one. On the way back, without contentHandling,
// the client's first Accept type decides too: a binary payload for a text Accept goes out
// base64-encoded, a text payload for a binary Accept base64-decoded. A text payload that
// is not base64 cannot be decoded: 500, an API configuration error. A text payload goes on
// as UTF-8 text: bytes that are not UTF-8 become U+FFFD (test_apigateway_s3.snapshot.json:
// 67 gzip bytes PUT as a text type reach S3 as 99 bytes).
import { isUtf8 } from 'node:buffer';
import { restErrors } from './errors.ts';

type ContentHandling = 'CONVERT_TO_TEXT' | 'CONVERT_TO_BINARY' | string | undefined;

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

export function decodeBase64(text: Buffer): Buffer {
  const compact = text.toString('latin1').replace(/\r?\n/g, '');
  if (!BASE64.test(compact)) throw restErrors.configuration();
  return Buffer.from(compact, 'base64');
}

const encodeBase64 = (body: Buffer) => Buffer.from(body.toString('base64'));

/** Method request payload -> integration request payload (`binary`: the Content-Type is a binary media type). */
export function requestPayload(body: Buffer, binary: boolean, handling: ContentHandling): Buffer {
  if (handling === 'CONVERT_TO_TEXT' && binary) return encodeBase64(body);
  if (handling === 'CONVERT_TO_BINARY' && !binary) return decodeBase64(body);
  return binary || isUtf8(body) ? body : Buffer.from(body.toString('utf8'));
}

/** Integration response payload -> method response payload. */
export function responsePayload(body: Buffer, kinds: { payloadBinary: boolean; acceptBinary: boolean }, handling: ContentHandling): Buffer {
  const { payloadBinary, acceptBinary } = kinds;
  if (handling === 'CONVERT_TO_TEXT') return payloadBinary ? encodeBase64(body) : body;
  if (handling === 'CONVERT_TO_BINARY') return payloadBinary ? body : decodeBase64(body);
  if (payloadBinary && !acceptBinary) return encodeBase64(body);
  if (!payloadBinary && acceptBinary) return decodeBase64(body);
  return body;
}
