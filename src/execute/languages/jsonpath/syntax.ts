/**
 * The parsed form of a JSONPath expression (Jayway JsonPath's dialect, as API Gateway uses it):
 * produced by parse.ts, read by evaluate.ts.
 */
export type Segment =
  | { kind: 'props'; names: string[] }
  | { kind: 'indexes'; indexes: number[] }
  | { kind: 'slice'; start?: number; end?: number }
  | { kind: 'wildcard' }
  | { kind: 'scan'; next: Segment }
  | { kind: 'filter'; expr: FilterExpr };

export interface CompiledPath {
  root: '$' | '@';
  segments: Segment[];
  /** No wildcard, deep scan, filter, slice or multi-index: one value or nothing. */
  definite: boolean;
}

export type Operand =
  | { kind: 'path'; path: CompiledPath }
  | { kind: 'value'; value: unknown }
  | { kind: 'regex'; regex: RegExp };

export type FilterExpr =
  | { kind: 'and' | 'or'; left: FilterExpr; right: FilterExpr }
  | { kind: 'not'; expr: FilterExpr }
  | { kind: 'exists'; operand: Operand }
  | { kind: 'compare'; op: string; left: Operand; right: Operand };

export class JsonPathError extends Error {
  override readonly name = 'JsonPathError';
}
