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
}

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

  /** `segments` are the decoded path segments (empty for "/"). */
  match(httpMethod: string, segments: string[]): ResourceMatch | undefined {
    return this.walk(this.root, segments, 0, {}, httpMethod);
  }

  private walk(node: Node, segments: string[], at: number, params: Record<string, string>, httpMethod: string): ResourceMatch | undefined {
    if (at === segments.length) {
      const method = node.resource && (node.resource.resourceMethods[httpMethod] ?? node.resource.resourceMethods.ANY);
      return method ? { resource: node.resource!, method, pathParameters: params } : undefined;
    }
    const segment = segments[at];
    const literal = node.literals.get(segment);
    const found = literal && this.walk(literal, segments, at + 1, params, httpMethod);
    if (found) return found;
    if (node.param) {
      const viaParam = this.walk(node.param.node, segments, at + 1, { ...params, [node.param.name]: segment }, httpMethod);
      if (viaParam) return viaParam;
    }
    if (node.greedy) {
      return this.walk(node.greedy.node, segments, segments.length, { ...params, [node.greedy.name]: segments.slice(at).join('/') }, httpMethod);
    }
    return undefined;
  }
}

/** Splits a percent-encoded path into decoded segments; undefined for a malformed escape. */
export function decodedSegments(rawPath: string): string[] | undefined {
  const parts = rawPath.split('/').filter(Boolean);
  try {
    return parts.map((p) => decodeURIComponent(p));
  } catch {
    return undefined;
  }
}
