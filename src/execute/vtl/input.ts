/**
 * `$input`: the payload (request body for a request template, integration response body for
 * a response template) and the method request parameters.
 */
import { TemplateError } from './errors.ts';
import { JsonArray, parseJsonModel, toJsonString } from './json-model.ts';
import { evaluateJsonPath, JsonPathError } from '../languages/jsonpath/index.ts';

export interface RequestParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  header: Record<string, string>;
}

export class InputVariable {
  private parsed?: { value: unknown };

  constructor(
    private readonly rawBody: string,
    /** Read only when the template asks for parameters (callers may build them lazily). */
    private readonly vars: { readonly params: RequestParams },
  ) {}

  private get requestParams(): RequestParams {
    return this.vars.params;
  }

  /** The raw payload; API Gateway hands templates `{}` when the payload is empty. */
  get body(): string {
    return this.rawBody === '' ? '{}' : this.rawBody;
  }

  /** The JSONPath selection as template values (a definite path that matches nothing is null). */
  path(expression: unknown): unknown {
    const result = this.select(expression);
    if (result.definite) return result.matches.length ? result.matches[0] : null;
    const list = new JsonArray();
    list.push(...result.matches);
    return list;
  }

  /** The JSONPath selection as a JSON string; a definite path that matches nothing gives `""`. */
  json(expression: unknown): string {
    const result = this.select(expression);
    if (result.definite && !result.matches.length) return '""';
    return toJsonString(result.definite ? result.matches[0] : result.matches);
  }

  /**
   * No argument: a map of `path`, `header` and `querystring` maps (copies, so a template may
   * change them freely). A name: that parameter from the path, then the query string, then the
   * headers (header names match case-insensitively); "" when there is none.
   */
  params(name?: unknown): unknown {
    if (name === undefined) {
      return { path: { ...this.requestParams.path }, header: { ...this.requestParams.header }, querystring: { ...this.requestParams.querystring } };
    }
    const key = String(name);
    const { path, querystring, header } = this.requestParams;
    if (Object.hasOwn(path, key)) return path[key];
    if (Object.hasOwn(querystring, key)) return querystring[key];
    if (Object.hasOwn(header, key)) return header[key];
    const lower = key.toLowerCase();
    const headerName = Object.keys(header).find((h) => h.toLowerCase() === lower);
    return headerName === undefined ? '' : header[headerName];
  }

  private root(): unknown {
    if (!this.parsed) {
      const text = this.body;
      let value: unknown;
      try {
        value = parseJsonModel(text);
      } catch {
        value = text; // not JSON: the payload is a plain string at `$`
      }
      this.parsed = { value };
    }
    return this.parsed.value;
  }

  private select(expression: unknown): { definite: boolean; matches: unknown[] } {
    const expr = expression === undefined || expression === null ? '$' : String(expression);
    try {
      return evaluateJsonPath(this.root(), expr);
    } catch (e) {
      if (e instanceof JsonPathError) throw new TemplateError(e.message, { cause: e });
      throw e;
    }
  }
}
