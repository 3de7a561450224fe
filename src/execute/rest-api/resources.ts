// Resource matching as REST APIs do it: at each path segment a literal child beats a
// {param} child, which beats a greedy {proxy+} child (which takes one or more segments);
// the method is the request's own, else ANY. A path that several resources could serve goes
// to the most specific one that has a method for the request.
import type { Method } from '../../models/apigateway.types.ts';
import type { ResourceRecord } from '../../services/apigateway/store.ts';

interface Node {
  resource?: ResourceRecord;
  literals: Map<string, Node>;
  param?: { name: string; node: Node };
  greedy?: { name: string; node: Node };
}

export interface ResourceMatch {
  resource: ResourceRecord;
  method: Method;
  /** Decoded values by parameter name. */
  pathParameters: Record<string, string>;
  /** The same values as the client sent them (still percent-encoded, a greedy value's `//`
   * kept): what the Lambda proxy event carries. Absent from a test invocation's match. */
  rawPathParameters?: Record<string, string>;
}

/** Where each path parameter's value lies in the segment list: [start, end). */
type Captures = Record<string, [number, number]>;

const newNode = (): Node => ({ literals: new Map() });

export class ResourceTree {
  private root = newNode();

  constructor(resources: ResourceRecord[]) {
    for (const resource of resources) this.insert(resource);
  }

  private insert(resource: ResourceRecord) {
    let node = this.root;
    for (const part of resource.path.split('/').filter(Boolean)) {
      const greedy = /^\{(.+)\+\}$/.exec(part);
      const param = /^\{(.+)\}$/.exec(part);
      if (greedy) node = (node.greedy ??= { name: greedy[1], node: newNode() }).node;
      else if (param) node = (node.param ??= { name: param[1], node: newNode() }).node;
      else {
        let child = node.literals.get(part);
        if (!child) node.literals.set(part, (child = newNode()));
        node = child;
      }
    }
    node.resource = resource;
  }

  /**
   * `segments` are the decoded path segments (empty for "/"); `raw` the same segments as
   * sent. An empty segment (`a//b`) is skipped by literals and parameters and kept by a
   * greedy parameter.
   */
  match(httpMethod: string, segments: string[], raw: string[] = segments): ResourceMatch | undefined {
    const found = this.walk(this.root, segments, 0, {}, httpMethod);
    if (!found) return undefined;
    const pathParameters: Record<string, string> = {};
    const rawPathParameters: Record<string, string> = {};
    for (const [name, [start, end]] of Object.entries(found.captures)) {
      pathParameters[name] = segments.slice(start, end).join('/');
      rawPathParameters[name] = raw.slice(start, end).join('/');
    }
    return { resource: found.resource, method: found.method, pathParameters, rawPathParameters };
  }

  private walk(node: Node, segments: string[], at: number, captures: Captures, httpMethod: string): { resource: ResourceRecord; method: Method; captures: Captures } | undefined {
    if (at === segments.length) {
      const method = node.resource && (node.resource.resourceMethods[httpMethod] ?? node.resource.resourceMethods.ANY);
      return method ? { resource: node.resource!, method, captures } : undefined;
    }
    const segment = segments[at];
    if (segment === '') return this.walk(node, segments, at + 1, captures, httpMethod);
    const literal = node.literals.get(segment);
    const found = literal && this.walk(literal, segments, at + 1, captures, httpMethod);
    if (found) return found;
    if (node.param) {
      const viaParam = this.walk(node.param.node, segments, at + 1, { ...captures, [node.param.name]: [at, at + 1] }, httpMethod);
      if (viaParam) return viaParam;
    }
    if (node.greedy) {
      return this.walk(node.greedy.node, segments, segments.length, { ...captures, [node.greedy.name]: [at, segments.length] }, httpMethod);
    }
    return undefined;
  }
}

/**
 * A request path's segments, as sent and percent-decoded: the leading `/` and one trailing
 * `/` dropped, empty segments inside kept (a greedy parameter keeps `a//b`, as AWS does).
 * Undefined for a malformed escape.
 */
export function splitPath(rawPath: string): { raw: string[]; decoded: string[] } | undefined {
  const from = rawPath.startsWith('/') ? 1 : 0;
  const to = rawPath.length > from && rawPath.endsWith('/') ? rawPath.length - 1 : rawPath.length;
  const trimmed = rawPath.slice(from, to);
  const raw = trimmed === '' ? [] : trimmed.split('/');
  if (!trimmed.includes('%')) return { raw, decoded: raw };
  try {
    return { raw, decoded: raw.map((p) => decodeURIComponent(p)) };
  } catch {
    return undefined;
  }
}

