/** One provider object answering every operation of its parts (the engine calls methods by
 * operation name), so a service's provider can be split into one class per area. */
export function combine(...parts: object[]): object {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(part))) {
      const value = (part as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof value === 'function') out[name] = value.bind(part);
    }
  }
  return out;
}
