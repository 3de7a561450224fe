// CloudFormation lists a stack's parameters, and writes each resource event's properties, in
// the iteration order of a Java HashMap of their keys (recorded on AWS: parameters Topic1Name,
// Topic2Name, Topic3Name come back as Topic2Name, Topic1Name, Topic3Name; a policy statement's
// Effect, Principal, Action, Resource as Action, Resource, Effect, Principal).

/** The keys in the order a java.util.HashMap holding them iterates: by bucket, then as inserted. */
export function javaHashMapOrder(keys: string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string) => {
    let hash = 0;
    for (let i = 0; i < key.length; i++) hash = (Math.imul(31, hash) + key.charCodeAt(i)) | 0;
    // HashMap spreads String.hashCode()'s high bits into the low ones before masking.
    return (hash ^ (hash >>> 16)) & (capacity - 1);
  };
  return keys.map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}

/** JSON text of a value with every object's keys in Java HashMap order. */
export function javaOrderedJson(value: unknown): string {
  return JSON.stringify(value, (_key, item) => {
    if (!item || typeof item !== 'object' || Array.isArray(item)) return item;
    return Object.fromEntries(javaHashMapOrder(Object.keys(item)).map((key) => [key, item[key]]));
  });
}
