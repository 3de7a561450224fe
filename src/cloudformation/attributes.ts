// Fn::GetAtt names checked against the attributes a resource type declares, before the
// operation creates anything (recorded on AWS: the stack rolls back at once, with no resource
// event, "[Error] /Outputs/InvalidOutput/Value/Fn::GetAtt: Resource type AWS::SSM::Parameter
// does not support attribute {Invalid}."). Types that declare no list are not checked.
import type { PreparedTemplate } from './prepare.ts';
import type { ResourceType } from './resource.ts';

/** The first Fn::GetAtt reading an attribute its resource's type does not have, worded as AWS does. */
export function unsupportedAttribute(prepared: PreparedTemplate, types: (type: string) => ResourceType | undefined): string | undefined {
  const { template } = prepared;
  const check = (node: unknown, path: string): string | undefined => {
    if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) {
        const found = check(item, `${path}/${i}`);
        if (found) return found;
      }
      return undefined;
    }
    if (node === null || typeof node !== 'object') return undefined;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'Fn::GetAtt') {
        const [id, attribute] = typeof value === 'string' ? [value.slice(0, value.indexOf('.')), value.slice(value.indexOf('.') + 1)] : Array.isArray(value) ? value : [];
        const type = typeof id === 'string' ? template.Resources[id]?.Type : undefined;
        const declared = type ? types(type)?.attributes : undefined;
        if (declared && typeof attribute === 'string' && !declared.includes(attribute)) {
          return `[Error] ${path}/Fn::GetAtt: Resource type ${type} does not support attribute {${attribute}}.`;
        }
      }
      const found = check(value, `${path}/${key}`);
      if (found) return found;
    }
    return undefined;
  };
  for (const id of prepared.order) {
    const found = check(template.Resources[id].Properties, `/Resources/${id}/Properties`);
    if (found) return found;
  }
  for (const [name, output] of Object.entries<any>(template.Outputs ?? {})) {
    const found = check(output?.Value, `/Outputs/${name}/Value`);
    if (found) return found;
  }
  return undefined;
}
