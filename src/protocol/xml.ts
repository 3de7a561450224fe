// XML for the query and rest-xml protocols: a model-driven writer (structures, lists as
// <member> or flattened, maps as <entry><key/><value/></entry>, ISO 8601 timestamps) and
// a model-driven reader over a small element tree parsed by fast-xml-parser.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { AwsError } from './errors.ts';
import type { MemberRef, ServiceModel, Shape } from './model.ts';
import type { ValueReader } from './parse.ts';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '\r': '&#13;' };

/** Writes model values as XML. `name` is the element name a value is written under. */
export class XmlWriter {
  constructor(private model: ServiceModel) {}

  /** The members of a structure value, as child elements (no wrapping element). */
  members(shape: Shape, value: Record<string, unknown>): string {
    let out = '';
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      const v = value[name];
      if (v === undefined || v === null || ref.location || ref.xmlAttribute) continue;
      out += this.value(ref, v, ref.locationName ?? name);
    }
    return out;
  }

  value(ref: MemberRef, value: unknown, name: string): string {
    const shape = this.model.shapes[ref.shape];
    switch (shape.type) {
      case 'structure': {
        const v = isObject(value) ? value : {};
        return `<${name}${this.attributes(shape, v)}>${this.members(shape, v)}</${name}>`;
      }
      case 'list': {
        const items = Array.isArray(value) ? value : [];
        const member = shape.member!;
        if (ref.flattened || shape.flattened) {
          const itemName = ref.locationName ?? member.locationName ?? name;
          return items.map((item) => this.value(member, item, itemName)).join('');
        }
        return `<${name}>${items.map((item) => this.value(member, item, member.locationName ?? 'member')).join('')}</${name}>`;
      }
      case 'map': {
        const entries = isObject(value) ? Object.entries(value).filter(([, v]) => v !== undefined && v !== null) : [];
        const keyName = shape.key!.locationName ?? 'key';
        const valueName = shape.value!.locationName ?? 'value';
        const body = (entryName: string) =>
          entries.map(([k, v]) => `<${entryName}><${keyName}>${escapeXml(k)}</${keyName}>${this.value(shape.value!, v, valueName)}</${entryName}>`).join('');
        return ref.flattened || shape.flattened ? body(name) : `<${name}>${body('entry')}</${name}>`;
      }
      default:
        return `<${name}>${escapeXml(scalarText(shape, value))}</${name}>`;
    }
  }

  private attributes(shape: Shape, value: Record<string, unknown>): string {
    let out = '';
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (!ref.xmlAttribute || value[name] === undefined) continue;
      const ns = ref.xmlNamespace;
      if (ns?.prefix) out += ` xmlns:${ns.prefix}="${escapeXml(ns.uri)}"`;
      out += ` ${ref.locationName ?? name}="${escapeXml(scalarText(this.model.shapes[ref.shape], value[name]))}"`;
    }
    return out;
  }
}

/** A scalar as XML text: ISO 8601 timestamps (unless the shape says otherwise), base64 blobs. */
export function scalarText(shape: Shape, value: unknown): string {
  switch (shape.type) {
    case 'timestamp': {
      const d = value instanceof Date ? value : new Date(value as string | number);
      if (shape.timestampFormat === 'rfc822') return d.toUTCString();
      if (shape.timestampFormat === 'unixTimestamp') return String(d.getTime() / 1000);
      return d.toISOString();
    }
    case 'blob':
      return Buffer.from(value as Uint8Array).toString('base64');
    default:
      return String(value);
  }
}

/** An XML element: its name without namespace prefix, child elements and text. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
});

/** Parses a document into its root element; a malformed one throws `malformed`. */
export function parseXml(text: string, malformed: () => AwsError): XmlElement {
  if (XMLValidator.validate(text) !== true) throw malformed();
  let nodes: unknown[];
  try {
    nodes = parser.parse(text) as unknown[];
  } catch {
    throw malformed();
  }
  const root = toElements(nodes)[0];
  if (!root) throw malformed();
  return root;
}

function toElements(nodes: unknown[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === '#text' || key === ':@' || key.startsWith('?')) continue;
      const children = Array.isArray(value) ? (value as unknown[]) : [];
      let text = '';
      for (const child of children) {
        const t = (child as Record<string, unknown>)['#text'];
        if (t !== undefined) text += String(t);
      }
      out.push({ name: key, children: toElements(children), text });
    }
  }
  return out;
}

/** Reads an element's content as a model value; scalars are coerced and validated by the
 * shared ValueReader, so XML input gets the same validation messages as JSON input. */
export class XmlReader {
  constructor(
    private model: ServiceModel,
    private reader: ValueReader,
  ) {}

  structure(shape: Shape, el: XmlElement, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, ref] of Object.entries(shape.members ?? {})) {
      if (ref.location || ref.xmlAttribute) continue;
      const wire = ref.locationName ?? name;
      const target = this.model.shapes[ref.shape];
      const memberPath = path ? `${path}.${wire}` : wire;
      if ((target.type === 'list' || target.type === 'map') && (ref.flattened || target.flattened)) {
        const itemName = target.type === 'list' ? (ref.locationName ?? target.member!.locationName ?? name) : wire;
        const items = el.children.filter((c) => c.name === itemName);
        if (items.length) {
          this.reader.readInto(out, name, () =>
            target.type === 'list' ? items.map((c, i) => this.value(target.member!, c, `${memberPath}.${i + 1}.member`)) : this.entries(target, items, memberPath),
          );
        }
        continue;
      }
      const child = el.children.find((c) => c.name === wire);
      if (child) this.reader.readInto(out, name, () => this.value(ref, child, memberPath));
    }
    this.reader.checkRequired(shape, out, path);
    return out;
  }

  value(ref: MemberRef, el: XmlElement, path: string): unknown {
    const shape = this.model.shapes[ref.shape];
    switch (shape.type) {
      case 'structure':
        return this.structure(shape, el, path);
      case 'list': {
        const itemName = shape.member!.locationName ?? 'member';
        const items = el.children.filter((c) => c.name === itemName).map((c, i) => this.value(shape.member!, c, `${path}.${i + 1}.member`));
        this.reader.checkLength(shape, items.length, items, path);
        return items;
      }
      case 'map':
        return this.entries(shape, el.children.filter((c) => c.name === 'entry'), path);
      case 'blob':
        return Buffer.from(el.text, 'base64');
      default:
        return this.reader.fromText(ref, el.text, path);
    }
  }

  private entries(shape: Shape, entries: XmlElement[], path: string): Record<string, unknown> {
    const keyName = shape.key!.locationName ?? 'key';
    const valueName = shape.value!.locationName ?? 'value';
    const out: Record<string, unknown> = {};
    for (const entry of entries) {
      const key = entry.children.find((c) => c.name === keyName);
      const value = entry.children.find((c) => c.name === valueName);
      if (key && value) out[key.text] = this.value(shape.value!, value, `${path}.${key.text}`);
    }
    return out;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
