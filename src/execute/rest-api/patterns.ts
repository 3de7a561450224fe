// Whole-string matches of the Java regular expressions REST APIs are configured with
// (integration response selectionPattern, a TOKEN authorizer's identityValidationExpression).
// Each pattern is compiled once; one that does not compile matches nothing.
const compiled = new Map<string, RegExp | null>();
const MAX_CACHED = 1000;

export function fullMatch(pattern: string, value: string): boolean {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(`^(?:${pattern})$`);
    } catch {
      re = null;
    }
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(pattern, re);
  }
  return re !== null && re.test(value);
}
