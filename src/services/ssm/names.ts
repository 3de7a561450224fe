// Parameter names as Parameter Store reads them: "name", "/name" (the same root-level
// parameter), "/a/b/c" (a hierarchy), an ARN, and the ":version" or ":label" selector.
import { AwsError } from '../../protocol/errors.ts';

export const validation = (message: string) => new AwsError('ValidationException', message, 400);

const INVALID_NAME =
  'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_';

/** Hierarchies may be 15 levels deep. */
const MAX_LEVELS = 15;

/** The store key of a name: root-level names are kept without their slash. */
export function nameKey(name: string): string {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  return bare.includes('/') ? name : bare;
}

/** Checks a name a parameter is created under and returns it. */
export function checkName(name: string): string {
  const bare = name.startsWith('/') ? name.slice(1) : name;
  const segments = bare.split('/');
  const ok =
    (segments.length === 1 || name.startsWith('/')) &&
    segments.every((s) => /^[A-Za-z0-9_.\-]+$/.test(s)) &&
    !/^(aws|ssm)/i.test(segments[0]);
  if (!ok) throw validation(INVALID_NAME);
  if (segments.length > MAX_LEVELS) {
    throw new AwsError('HierarchyLevelLimitExceededException', `Parameter name hierarchy can't exceed ${MAX_LEVELS} levels.`, 400);
  }
  return name;
}

export function parameterArn(region: string, account: string, name: string): string {
  return `arn:aws:ssm:${region}:${account}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
}

export interface NameReference {
  /** The name as asked for (how answers spell it). */
  name: string;
  selector?: { version: number } | { label: string };
  /** The selector as written, e.g. ":3". */
  selectorText?: string;
}

const ARN = /^arn:aws[\w-]*:ssm:[^:]*:\d{12}:parameter(\/.*)$/;

/** Reads "name", "name:3", "name:label" or a parameter ARN (with or without a selector). */
export function parseReference(reference: string): NameReference {
  let text = reference;
  const arn = ARN.exec(text);
  if (arn) {
    // An ARN names a root-level parameter as "parameter/name" and a path as "parameter/a/b".
    const rest = arn[1].slice(1);
    text = rest.includes('/') ? `/${rest}` : rest;
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) return { name: text };
  const name = text.slice(0, colon);
  const sel = text.slice(colon + 1);
  if (/^\d+$/.test(sel)) return { name, selector: { version: Number(sel) }, selectorText: `:${sel}` };
  return { name, selector: { label: sel }, selectorText: `:${sel}` };
}

/** Whether `name` lies under `path` (directly, or at any depth when recursive). */
export function underPath(name: string, path: string, recursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  const full = name.startsWith('/') ? name : `/${name}`;
  if (!full.startsWith(prefix)) return false;
  return recursive || !full.slice(prefix.length).includes('/');
}
