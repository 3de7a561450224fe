// Reads an operation's input from an HTTP request, as the rest-json protocol places it:
// URI labels, query string, headers and a JSON body (or a raw payload), each member by
// its wire name. Values are coerced to the model's types and validated; a fault throws
// AwsError with the service's validation error code.
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from './errors.ts';
import type { MemberRef, ServiceModel, Shape } from './model.ts';
import { shapePlan } from './shape-plan.ts';

interface WireRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

interface ParseOptions {
  validationErrorCode: string;
  malformedBodyCode: string;
  validationStyle?: ValidationStyle;
}

/** How a service words its validation messages where services differ. */
export interface ValidationStyle {
  /** Body members are named under the operation's input ('putIntegrationInput.type'), as
   * API Gateway names them; URI, query and header members keep their bare names. */
  inputPrefix?: boolean;
  /** Enum values in the order the service lists them, by shape name, where its order is
   * not the model's. */
  enumOrder?: Record<string, string[]>;
  /** Where the service does not list "Member must not be null" among a list element's
   * constraints: everywhere (true, API Gateway) or for the list members at these paths
   * (Lambda's 'CompatibleArchitectures'). */
  omitElementNotNull?: boolean | string[];
  /** List members (by path) whose elements the service checks against its own value set,
   * reported as "Member must satisfy enum value set: [...]" for the whole list, without the
   * element constraints (Lambda's 'CompatibleRuntimes'). */
  listEnums?: Record<string, () => string[]>;
  /** Body members (by path, e.g. 'Runtime') whose enum the service checks itself, with its
   * own error, so the engine leaves their values alone. */
  ownEnums?: string[];
  /** The service's own error for a JSON boolean where a string belongs, where it is not a
   * validation error (API Gateway's deserializer answers a SerializationException). */
  booleanForString?: () => AwsError;
}

interface ParsedInput {
  input: Record<string, unknown>;
  /** True when the body named its members by their model names (e.g. "Name") rather than
   * their wire names ("name"); the answer then uses the same casing. */
  pascal: boolean;
}

export function parseInput(model: ServiceModel, shapeName: string | undefined, req: WireRequest, opts: ParseOptions): ParsedInput {
  const input: Record<string, unknown> = {};
  if (!shapeName) return { input, pascal: false };
  const shape = model.shapes[shapeName];
  const reader = new ValueReader(model, opts).forInput(shape);
  let pascal = false;
  const bodyMembers = readBoundMembers(model, shape, req, reader, input);

  const payload = shape.payload;
  if (payload) {
    const ref = shape.members![payload];
    const target = model.shapes[ref.shape];
    if (target.type === 'blob') {
      if (req.body.length) input[payload] = req.body;
    } else if (target.type === 'string') {
      if (req.body.length) input[payload] = req.body.toString('utf8');
    } else if (req.body.length) {
      const json = parseJsonBody(req.body, opts);
      reader.readInto(input, payload, () => reader.read(ref, json, ref.locationName ?? payload));
      pascal = reader.sawPascal;
    }
  } else if (shapePlan(shape).hasBody) {
    const json = req.body.length ? parseJsonBody(req.body, opts) : {};
    if (!isObject(json)) throw new AwsError(opts.malformedBodyCode, 'The request body must be a JSON object');
    const prefix = opts.validationStyle?.inputPrefix ? shapeName.replace(/^(\w)(\w*?)(Request)?$/, (_, first: string, rest: string) => `${first.toLowerCase()}${rest}Input`) : '';
    reader.readMembers(bodyMembers, json, input, prefix);
    pascal = reader.sawPascal;
  }

  reader.checkRequired(shape, input, '');
  reader.finish();
  return { input, pascal };
}

/** Reads the members bound to URI labels, the query string and headers into `input`
 * (rest-json and rest-xml place them alike); returns the members left for the body. */
export function readBoundMembers(
  model: ServiceModel,
  shape: Shape,
  req: Omit<WireRequest, 'body'>,
  reader: ValueReader,
  input: Record<string, unknown>,
): Record<string, MemberRef> {
  const plan = shapePlan(shape);
  for (const { name, ref, location, wire, header } of plan.bound) {
    switch (location) {
      case 'uri': {
        // Messages name a label by its member name ('responseType', not 'response_type').
        const text = req.labels[wire];
        if (text !== undefined) reader.readInto(input, name, () => reader.fromText(ref, text, name));
        break;
      }
      case 'querystring':
        reader.readInto(input, name, () => readQueryMember(reader, model, name, ref, req.query));
        break;
      case 'header': {
        const value = req.headers[header];
        if (value !== undefined) reader.readInto(input, name, () => reader.fromText(ref, String(value), wire));
        break;
      }
      case 'headers': {
        const map: Record<string, string> = {};
        for (const [h, v] of Object.entries(req.headers)) if (h.startsWith(header) && v !== undefined) map[h.slice(header.length)] = String(v);
        if (Object.keys(map).length) input[name] = map;
        break;
      }
    }
  }
  return plan.body;
}

/** A query-string member's value, or undefined when the query does not carry it. */
function readQueryMember(reader: ValueReader, model: ServiceModel, name: string, ref: MemberRef, query: URLSearchParams): unknown {
  const target = model.shapes[ref.shape];
  if (target.type === 'map') {
    // A query map takes every query pair; the model uses this for free-form parameters.
    const map: Record<string, string | string[]> = {};
    for (const key of new Set(query.keys())) {
      const all = query.getAll(key);
      map[key] = model.shapes[target.value!.shape].type === 'list' ? all : all[0];
    }
    return Object.keys(map).length ? map : undefined;
  }
  const wire = ref.locationName ?? name;
  if (!query.has(wire)) return undefined;
  if (target.type === 'list') return query.getAll(wire).flatMap((v) => v.split(',')).map((v) => reader.fromText(target.member!, v, wire));
  return reader.fromText(ref, query.get(wire)!, wire);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a request body as UTF-8, refusing invalid bytes (Node would silently replace
 * them with U+FFFD and the damaged text would be stored); undefined when invalid. */
export function decodeUtf8(body: Buffer): string | undefined {
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}

export function parseJsonBody(body: Buffer, opts: { malformedBodyCode: string }): unknown {
  const text = decodeUtf8(body);
  if (text === undefined) {
    const bad = firstInvalidUtf8(body);
    throw new AwsError(opts.malformedBodyCode, `Could not parse request body into json: Invalid UTF-8 start byte 0x${bad.toString(16).padStart(2, '0')}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new AwsError(opts.malformedBodyCode, `Could not parse request body into json: ${(e as Error).message}`);
  }
}

/** The first byte of the first sequence that is not UTF-8 (for the error message). */
function firstInvalidUtf8(body: Buffer): number {
  for (let i = 0; i < body.length; ) {
    const b = body[i];
    const len = b < 0x80 ? 1 : (b & 0xe0) === 0xc0 ? 2 : (b & 0xf0) === 0xe0 ? 3 : (b & 0xf8) === 0xf0 ? 4 : 0;
    if (len === 0 || decodeUtf8(body.subarray(i, i + len)) === undefined) return b;
    i += len;
  }
  return 0;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Thrown to stop reading a value that cannot be read further (a wrong type); its fault is
 * already recorded. An AwsError itself, so a caller that does not catch it still answers
 * with the faults found so far. */
class UnreadableValue extends AwsError {}

/** Coerces and validates input values against the model. Faults are collected, not thrown one
 * by one: AWS reports every member that fails ("2 validation errors detected: Value ... at
 * 'a' ...; Value ... at 'b' ..."), in the order of the input shape's members, and `finish()`
 * throws them as one error. */
export class ValueReader {
  sawPascal = false;
  private faults: Array<{ order: number; text: string }> = [];
  /** Position of each top-level input member in the model, which orders the faults (the
   * shape's plan: read only). */
  private memberOrder: ReadonlyMap<string, number> = new Map();
  /** The order of the top-level member being read, and how deep inside it the reader is. */
  private order = 0;
  private depth = 0;

  constructor(
    private model: ServiceModel,
    private opts: ParseOptions,
  ) {}

  /** Orders faults by the members of this input shape. */
  forInput(shape: Shape): this {
    this.memberOrder = shapePlan(shape).order;
    return this;
  }

  /** Reads one member (by model name) with `read`; when the value cannot be read its fault is
   * recorded and the result is undefined, so the other members are still checked. */
  member<T>(name: string, read: () => T): T | undefined {
    const outer = this.order;
    if (this.depth === 0) this.order = this.memberOrder.get(name) ?? this.memberOrder.size;
    this.depth++;
    try {
      return read();
    } catch (err) {
      if (err instanceof UnreadableValue) return undefined;
      throw err;
    } finally {
      this.depth--;
      this.order = outer;
    }
  }

  /** `member`, storing a defined result in `out[name]`. A value that could not be read is
   * stored as null, so that checkRequired does not report it missing as well: its own fault
   * stands, and finish() throws before `out` is used. */
  readInto(out: Record<string, unknown>, name: string, read: () => unknown): void {
    const faultsBefore = this.faults.length;
    const value = this.member(name, read);
    if (value !== undefined) out[name] = value;
    else if (this.faults.length > faultsBefore) out[name] = null;
  }

  /** Throws the faults found, if any, as the service's validation error. */
  finish(): void {
    if (this.faults.length) throw new AwsError(this.opts.validationErrorCode, this.message());
  }

  private message(): string {
    const texts = [...this.faults].sort((a, b) => a.order - b.order).map((f) => f.text);
    return `${texts.length} validation error${texts.length === 1 ? '' : 's'} detected: ${texts.join('; ')}`;
  }

  /** Records that the value at `path` breaks `constraint`. */
  private report(path: string, value: unknown, constraint: string, order = this.order): void {
    this.faults.push({ order, text: `Value ${shownValue(value)} at '${lowerCamel(path)}' failed to satisfy constraint: ${constraint}` });
  }

  /** Records a fault that stops the value from being read at all. */
  private fail(path: string, value: unknown, constraint: string): never {
    this.report(path, value, constraint);
    throw new UnreadableValue(this.opts.validationErrorCode, this.message());
  }

  /** Coerces a label, query or header string to the member's type. */
  fromText(ref: MemberRef, text: string, path: string): unknown {
    const shape = this.model.shapes[ref.shape];
    switch (shape.type) {
      case 'integer':
      case 'long': {
        if (!/^-?\d+$/.test(text.trim())) this.fail(path, text, 'Member must be a number');
        return this.checkNumber(shape, Number(text), path);
      }
      case 'double':
      case 'float': {
        const n = Number(text);
        if (text.trim() === '' || Number.isNaN(n)) this.fail(path, text, 'Member must be a number');
        return this.checkNumber(shape, n, path);
      }
      case 'boolean':
        if (text !== 'true' && text !== 'false') this.fail(path, text, 'Member must be a boolean');
        return text === 'true';
      case 'timestamp': {
        const d = /^\d+(\.\d+)?$/.test(text) ? new Date(Number(text) * 1000) : new Date(text);
        if (Number.isNaN(d.getTime())) this.fail(path, text, 'Member must be a timestamp');
        return d;
      }
      default:
        return this.checkString(shape, text, path, ref.shape);
    }
  }

  read(ref: MemberRef, value: unknown, path: string): unknown {
    if (value === null || value === undefined) return undefined;
    const shape = this.model.shapes[ref.shape];
    switch (shape.type) {
      case 'structure': {
        if (!isObject(value)) this.fail(path, value, 'Member must be an object');
        const out: Record<string, unknown> = {};
        this.readMembers(shape.members ?? {}, value, out, path);
        this.checkRequired(shape, out, path);
        return out;
      }
      case 'list': {
        if (!Array.isArray(value)) this.fail(path, value, 'Member must be a list');
        this.checkLength(shape, value.length, value, path);
        return this.readList(shape.member!, value, path);
      }
      case 'map': {
        if (!isObject(value)) this.fail(path, value, 'Member must be a map');
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value)) this.readInto(out, k, () => this.read(shape.value!, v, `${path}.${k}`));
        return out;
      }
      case 'string':
        if (typeof value === 'boolean' && this.opts.validationStyle?.booleanForString) throw this.opts.validationStyle.booleanForString();
        if (typeof value !== 'string') this.fail(path, value, 'Member must be a string');
        return this.checkString(shape, value, path, ref.shape);
      case 'integer':
      case 'long':
        if (typeof value !== 'number' || !Number.isInteger(value)) this.fail(path, value, 'Member must be an integer');
        return this.checkNumber(shape, value, path);
      case 'double':
      case 'float':
        if (typeof value !== 'number') this.fail(path, value, 'Member must be a number');
        return this.checkNumber(shape, value, path);
      case 'boolean':
        if (typeof value !== 'boolean') this.fail(path, value, 'Member must be a boolean');
        return value;
      case 'timestamp': {
        const d = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
        if (!d || Number.isNaN(d.getTime())) this.fail(path, value, 'Member must be a timestamp');
        return d;
      }
      case 'blob':
        if (typeof value !== 'string') this.fail(path, value, 'Member must be a base64-encoded string');
        return Buffer.from(value, 'base64');
      default:
        return value;
    }
  }

  /** Reads an object's keys into `out` by model member name, in the model's member order. A
   * key may use the wire name or the model name (case-insensitively, as the seed's PascalCase
   * curl examples do); unknown keys are ignored, as AWS does. */
  readMembers(members: Record<string, MemberRef>, json: Record<string, unknown>, out: Record<string, unknown>, path: string) {
    const keysByMember = new Map<string, string>();
    for (const key of Object.keys(json)) {
      const name = memberFor(members, key);
      if (name && (!keysByMember.has(name) || key === (members[name].locationName ?? name))) keysByMember.set(name, key);
    }
    for (const [name, ref] of Object.entries(members)) {
      const key = keysByMember.get(name);
      if (key === undefined) continue;
      if (ref.locationName && key !== ref.locationName && key === name) this.sawPascal = true;
      const wire = ref.locationName ?? name;
      this.readInto(out, name, () => this.read(ref, json[key], path ? `${path}.${wire}` : wire));
    }
  }

  /** A list's elements. An element of scalar type that breaks its shape's constraints is
   * reported as AWS reports it: the whole list, with every constraint of the element shape
   * ("Value '[x86]' at 'architectures' failed to satisfy constraint: Member must satisfy
   * constraint: [Member must satisfy enum value set: [x86_64, arm64], Member must not be null]"). */
  private readList(member: MemberRef, list: unknown[], path: string): unknown[] {
    const ownEnum = this.opts.validationStyle?.listEnums?.[path];
    if (ownEnum) {
      const allowed = ownEnum();
      if (!list.every((v) => typeof v === 'string' && allowed.includes(v))) this.report(path, list, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
      return list;
    }
    const before = this.faults.length;
    const read = list.map((v, i) => this.member(String(i), () => this.read(member, v, `${path}.${i + 1}.member`)));
    if (this.model.shapes[member.shape].type === 'string' && this.faults.length > before) {
      this.faults.length = before;
      this.report(path, list, `Member must satisfy constraint: [${this.elementConstraints(member.shape, path).join(', ')}]`);
    }
    return read;
  }

  /** Every constraint of a list's string element shape, in the order AWS lists them. */
  private elementConstraints(shapeName: string, listPath: string): string[] {
    const shape = this.model.shapes[shapeName];
    const constraints: string[] = [];
    if (shape.enum) constraints.push(`Member must satisfy enum value set: [${this.enumValues(shapeName).join(', ')}]`);
    if (shape.max !== undefined) constraints.push(`Member must have length less than or equal to ${shape.max}`);
    if (shape.min !== undefined) constraints.push(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.pattern) constraints.push(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    const omitNotNull = this.opts.validationStyle?.omitElementNotNull;
    if (omitNotNull !== true && !(omitNotNull || []).includes(listPath)) constraints.push('Member must not be null');
    return constraints;
  }

  private enumValues(shapeName: string): string[] {
    return this.opts.validationStyle?.enumOrder?.[shapeName] ?? this.model.shapes[shapeName].enum ?? [];
  }

  /** Records each required member of `shape` missing from `out` ("Value null at 'x' ... Member
   * must not be null"), in its place among the input's faults. */
  checkRequired(shape: Shape, out: Record<string, unknown>, path: string) {
    for (const name of shape.required ?? []) {
      if (out[name] !== undefined) continue;
      const wire = shape.members?.[name]?.locationName ?? name;
      const order = this.depth === 0 ? (this.memberOrder.get(name) ?? this.order) : this.order;
      this.report(path ? `${path}.${wire}` : wire, undefined, 'Member must not be null', order);
    }
  }

  /** Checks a string against its enum, length and pattern, recording each constraint it breaks. */
  private checkString(shape: Shape, value: string, path: string, shapeName: string): string {
    if (shape.enum && !shape.enum.includes(value) && !this.opts.validationStyle?.ownEnums?.includes(path)) {
      this.report(path, value, `Member must satisfy enum value set: [${this.enumValues(shapeName).join(', ')}]`);
    }
    this.checkLength(shape, value.length, value, path);
    if (shape.pattern && !matchesPattern(shape.pattern, value)) {
      this.report(path, value, `Member must satisfy regular expression pattern: ${shape.pattern}`);
    }
    return value;
  }

  checkLength(shape: Shape, length: number, value: unknown, path: string) {
    if (shape.min !== undefined && length < shape.min) this.report(path, value, `Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && length > shape.max) this.report(path, value, `Member must have length less than or equal to ${shape.max}`);
  }

  private checkNumber(shape: Shape, value: number, path: string): number {
    if (shape.min !== undefined && value < shape.min) this.report(path, value, `Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) this.report(path, value, `Member must have value less than or equal to ${shape.max}`);
    return value;
  }
}

/** The member of `members` a JSON key names: its wire name, or its model or wire name in any case. */
function memberFor(members: Record<string, MemberRef>, key: string): string | undefined {
  let loose: string | undefined;
  for (const [name, ref] of Object.entries(members)) {
    const wire = ref.locationName ?? name;
    if (wire === key) return name;
    if (loose === undefined && (wire.toLowerCase() === key.toLowerCase() || name.toLowerCase() === key.toLowerCase())) loose = name;
  }
  return loose;
}

/** A value as validation messages show it: quoted, lists as "[a, b]" ('5', '[x86, arm]'), null bare. */
function shownValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (Array.isArray(value)) return `'[${value.map((v) => (typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v))).join(', ')}]'`;
  if (typeof value === 'object') return `'${JSON.stringify(value)}'`;
  return `'${String(value)}'`;
}

/** AWS names members in validation messages in lowerCamel case ('functionName', 'runtime'). */
const lowerCamel = (path: string) => path.replace(/(^|\.)([A-Z])/g, (_, dot: string, c: string) => dot + c.toLowerCase());

const patternCache = new Map<string, RegExp | null>();

/** Model patterns are Java regular expressions matched against the whole value (AWS's
 * services use Java's `matches`); the few that JS cannot compile are skipped. */
function matchesPattern(pattern: string, value: string): boolean {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      const source = `^(?:${pattern.replace(/\\p\{Alnum\}/g, '[A-Za-z0-9]')})$`;
      // Unicode classes (\p{L}, \p{N}) need the u flag, which is stricter about escapes.
      re = new RegExp(source, /\\p\{/.test(source) ? 'u' : '');
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re === null || re.test(value);
}

/** Validates an input built in-process rather than read from HTTP (e.g. by a CloudFormation
 * resource type calling a provider) against its shape, as a request's input is validated. */
export function validateInput(model: ServiceModel, shapeName: string, input: Record<string, unknown>, opts: ParseOptions): void {
  const reader = new ValueReader(model, opts).forInput(model.shapes[shapeName]);
  reader.read({ shape: shapeName }, input, '');
  reader.finish();
}
