// Ids of the WebSocket data plane. API Gateway's connection ids, request ids and message ids
// are 16 characters: 15 of URL-safe base64 and a trailing "=" (e.g. "R1kmxc2VNjMCFIA=",
// "eHrdFcnvvHcCE-w="). URL-safe matters: a connection id travels in @connections paths.
import { randomBytes } from 'node:crypto';

export function websocketId(): string {
  return `${randomBytes(11).toString('base64url')}=`;
}
