// CORS in an OpenAPI definition (`x-amazon-apigateway-cors`) and on an HTTP API
// (CorsConfiguration) carry the same six members, camelCase in the extension and
// PascalCase on the API; import and export translate through this one table.
import type { Cors } from '../../models/apigatewayv2.types.ts';

/** The extension's members, in the order an export writes them. */
const MEMBERS = ['allowOrigins', 'allowCredentials', 'exposeHeaders', 'maxAge', 'allowMethods', 'allowHeaders'] as const;

type ExtensionMember = (typeof MEMBERS)[number];
type ApiMember = Capitalize<ExtensionMember> & keyof Cors;

const apiMember = (member: ExtensionMember) => (member[0].toUpperCase() + member.slice(1)) as ApiMember;

/** An API's CorsConfiguration from an `x-amazon-apigateway-cors` object (members it lacks stay unset). */
export function corsFromExtension(extension: Record<string, unknown>): Cors {
  const cors: Record<string, unknown> = {};
  for (const member of MEMBERS) if (extension[member] !== undefined) cors[apiMember(member)] = extension[member];
  return cors as Cors;
}

/** The `x-amazon-apigateway-cors` object an export writes for an API's CorsConfiguration. */
export function corsExtension(cors: Cors): Record<string, unknown> {
  const extension: Record<string, unknown> = {};
  for (const member of MEMBERS) if (cors[apiMember(member)] !== undefined) extension[member] = cors[apiMember(member)];
  return extension;
}
