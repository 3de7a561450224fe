// A function URL's answer from the function's result. Function URLs read results as HTTP
// APIs read payload format 2.0 (mapResponseV2), with two differences Lambda documents and
// AWS shows: a JSON result that is not a response object is re-serialised compactly, and a
// response object that sets no Content-Type is answered as application/json.
import { mapResponseV2, type MappedResponse } from '../shared/proxy-response.ts';

function parse(payload: Buffer): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(payload.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

export function mapUrlResponse(payload: Buffer): MappedResponse {
  const parsed = parse(payload);
  if (!parsed.ok) return mapResponseV2(payload);
  const result = parsed.value;
  const isResponse = typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;
  if (!isResponse) {
    if (typeof result === 'string') return mapResponseV2(payload);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(result)) };
  }
  const mapped = mapResponseV2(payload);
  if (!Object.keys(mapped.headers).some((name) => name.toLowerCase() === 'content-type')) mapped.headers['content-type'] = 'application/json';
  return mapped;
}
