// API Gateway v1 lists: `limit` (default 25, at most 500) and an opaque `position` token
// that names where the next page starts.
import { badRequest } from '../../protocol/errors.ts';

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 500;

export interface Page<T> {
  items: T[];
  position?: string;
}

export function paginate<T>(all: T[], limit: number | undefined, position: string | undefined): Page<T> {
  if (limit !== undefined && (limit < 1 || limit > MAX_LIMIT)) {
    throw badRequest(`1 validation error detected: Value '${limit}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_LIMIT}`);
  }
  const start = position === undefined ? 0 : decodePosition(position);
  const size = limit ?? DEFAULT_LIMIT;
  const items = all.slice(start, start + size);
  const next = start + size < all.length ? encodePosition(start + size) : undefined;
  return { items, position: next };
}

function encodePosition(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodePosition(position: string): number {
  const m = /^o:(\d+)$/.exec(Buffer.from(position, 'base64url').toString('utf8'));
  if (!m) throw badRequest('Invalid position parameter');
  return Number(m[1]);
}
