/**
 * What a parsed mapping template reads of the request, found by walking its syntax tree
 * (never by searching its text): whether it touches `$input` or `$stageVariables`, and which
 * top-level `$context` keys it reads. A template that reads none of them renders the same
 * text for every request, so it can be rendered once; one that reads only some `$context`
 * keys needs only those built.
 *
 * Double-quoted string literals are re-parsed at render time by Velocity, so their text is
 * parsed and walked too. Anything the walk cannot see through (`$context` used whole, a
 * method called on it, `#evaluate`/`#parse`/`#include`/`#define`) counts as reading
 * everything.
 */
import velocity from 'velocityjs';

export interface TemplateReads {
  input: boolean;
  stageVariables: boolean;
  /** The top-level `$context` keys read (`requestOverride`/`responseOverride` when it sets or
   * reads the overrides); 'all' when the walk cannot tell. */
  context: ReadonlySet<string> | 'all';
}

type Node = { type?: string; id?: string; path?: Array<{ type: string; id: string }>; value?: unknown; isEval?: boolean; [k: string]: unknown };

/** Directives that evaluate text the walk cannot see. */
const OPAQUE_DIRECTIVES = new Set(['evaluate', 'parse', 'include', 'define']);

export function templateReads(asts: unknown): TemplateReads {
  const reads = { input: false, stageVariables: false, context: new Set<string>() as Set<string> | 'all' };
  const readAllContext = () => {
    reads.context = 'all';
  };
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node !== 'object' || node === null) return;
    const n = node as Node;
    if (n.type === 'references') {
      if (n.id === 'input') reads.input = true;
      else if (n.id === 'stageVariables') reads.stageVariables = true;
      else if (n.id === 'context') {
        const first = n.path?.[0];
        if (first?.type === 'property' && reads.context !== 'all') reads.context.add(first.id);
        else readAllContext();
      }
    } else if (n.type === 'macro_call' && typeof n.id === 'string' && OPAQUE_DIRECTIVES.has(n.id)) {
      reads.input = reads.stageVariables = true;
      readAllContext();
    } else if (n.type === 'string' && n.isEval && typeof n.value === 'string' && /[$#]/.test(n.value)) {
      visit(velocity.parse(n.value));
    }
    for (const key in n) if (key !== 'pos') visit(n[key]);
  };
  visit(asts);
  return reads;
}

/** Whether the template reads nothing of the request: it renders the same for every request. */
export function readsNothing(reads: TemplateReads): boolean {
  return !reads.input && !reads.stageVariables && reads.context !== 'all' && reads.context.size === 0;
}
