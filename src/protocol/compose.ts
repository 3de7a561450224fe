// One way to assemble a provider: the per-area operation classes of a service (apis,
// routes, stages, ...) become one object with a method per operation, the shape the
// protocol engines call. Only methods named like one of the model's operations are taken
// (helpers stay private); an operation defined by two parts is a programming error.
// `Ops` is the service's generated Operations interface: every part must be assignable to
// Partial<Ops>, so a method's name, input and output are checked against the model.
import { lowerFirst } from './engine.ts';
import { loadModel } from './model.ts';

export function composeProvider<Ops extends object>(service: string, parts: Array<Partial<Ops>>): Partial<Ops> {
  const operations = new Set(Object.keys(loadModel(service).operations).map(lowerFirst));
  const provider: Record<string, unknown> = {};
  for (const part of parts) {
    // Methods of the part's class and its base classes (the most derived one wins).
    const names = new Set<string>();
    for (let proto = Object.getPrototypeOf(part); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      for (const name of Object.getOwnPropertyNames(proto)) if (operations.has(name)) names.add(name);
    }
    for (const name of names) {
      const method = (part as Record<string, unknown>)[name];
      if (typeof method !== 'function') continue;
      if (Object.hasOwn(provider, name)) throw new Error(`${service} operation ${name} is defined twice`);
      provider[name] = method.bind(part);
    }
  }
  return provider as Partial<Ops>;
}
