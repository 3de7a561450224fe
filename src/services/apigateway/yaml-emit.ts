// A small YAML emitter for GetExport with Accept: application/yaml: block mappings and
// sequences, every string value written as a double-quoted scalar (JSON string syntax is
// valid YAML), so no value can be misread as another type; keys stay plain when that is
// unambiguous ("paths", "/pets/{id}", "x-amazon-apigateway-integration"), else quoted ("200").
export function toYaml(value: unknown): string {
  return emit(value, 0).replace(/^\n/, '') + '\n';
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

const PLAIN_KEY = /^[A-Za-z_/][\w./{}+$-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n)$/i;
const key = (k: string) => (PLAIN_KEY.test(k) && !RESERVED.test(k) ? k : JSON.stringify(k));

const isBlock = (v: unknown) => typeof v === 'object' && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);

function emit(value: unknown, indent: number): string {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    if (!value.length) return ' []';
    return value.map((item) => `\n${pad}-${isBlock(item) ? emit(item, indent + 2).replace(/^\n\s*/, ' ') : ' ' + flat(item)}`).join('');
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    if (!entries.length) return ' {}';
    return entries.map(([k, v]) => `\n${pad}${key(k)}:${isBlock(v) ? emit(v, indent + 2) : ' ' + flat(v)}`).join('');
  }
  return ' ' + scalar(value);
}

function flat(value: unknown): string {
  if (Array.isArray(value)) return '[]';
  if (typeof value === 'object' && value !== null) return '{}';
  return scalar(value);
}
