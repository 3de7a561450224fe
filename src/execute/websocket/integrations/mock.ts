// MOCK: the rendered request's statusCode is the integration's status (200 without one).
import { parseJson } from '../selection.ts';
import { mappedIntegration } from './mapped.ts';

export const mock = mappedIntegration(async (_input, payload) => {
  const asked = parseJson(payload) as { statusCode?: unknown } | undefined;
  const code = Number(asked && typeof asked === 'object' ? asked.statusCode : undefined);
  return { status: Number.isInteger(code) && code >= 100 && code <= 599 ? code : 200, body: '' };
});
