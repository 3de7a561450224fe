// ImportApiKeys: API keys from a CSV file in API Gateway's API key file format. Columns
// (header names case-insensitive, any order): Name and Key required; Description, Enabled
// and UsagePlanIds optional (Enabled defaults to true). UsagePlanIds lists plan ids,
// quoted when there are several. Importing a key value that exists overwrites that key.
import { badRequest } from '../../protocol/errors.ts';
import type { RequestContext } from '../../protocol/engine.ts';
import type * as T from '../../models/apigateway.types.ts';
import { newApiKeyId } from './ids.ts';
import { child, compact, now, scope } from './lookup.ts';
import type { ApiGatewayV1Store, ApiKeyRecord } from './store.ts';

/** Splits CSV text into rows of fields; a field may be quoted with " or ' (doubled to escape). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quote: string | undefined;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i + 1] === quote) {
        field += c;
        i++;
      } else if (c === quote) quote = undefined;
      else field += c;
    } else if ((c === '"' || c === "'") && field === '' && !quoted) {
      quote = c;
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
      quoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
      quoted = false;
    } else field += c;
  }
  if (quote) throw badRequest('Invalid API key file: unterminated quoted field');
  row.push(field);
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

export class ImportApiKeyOperations {
  constructor(private store: ApiGatewayV1Store) {}

  importApiKeys(input: T.ImportApiKeysRequest, ctx: RequestContext): T.ApiKeyIds {
    const state = scope(this.store, ctx);
    const [header, ...rows] = parseCsv(Buffer.from(input.body).toString('utf8'));
    const columns = (header ?? []).map((h) => h.trim().toLowerCase());
    const col = (name: string) => columns.indexOf(name);
    if (col('name') < 0 || col('key') < 0) throw badRequest('Invalid API key file: the Name and Key columns are required');

    const warnings: string[] = [];
    const accepted: Array<{ fields: Omit<ApiKeyRecord, 'id' | 'createdDate' | 'lastUpdatedDate'>; plans: string[] }> = [];
    rows.forEach((fields, index) => {
      const value = (name: string) => (col(name) >= 0 ? (fields[col(name)] ?? '').trim() : undefined);
      const key = value('key') ?? '';
      const name = value('name') ?? '';
      const enabled = value('enabled');
      if (key.length < 20 || key.length > 128) return warnings.push(`Row ${index + 2}: Key must be between 20 and 128 characters`);
      if (name.length > 1024) return warnings.push(`Row ${index + 2}: Name must not exceed 1024 characters`);
      if (enabled && !/^(true|false)$/i.test(enabled)) return warnings.push(`Row ${index + 2}: Enabled must be true or false`);
      const plans = (value('usageplanids') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
      plans.forEach((id) => child(state.usagePlans, 'UsagePlan', id));
      accepted.push({ fields: { name, value: key, description: value('description') ?? '', enabled: enabled ? enabled.toLowerCase() === 'true' : true, stageKeys: [] }, plans });
    });
    if (warnings.length && input.failOnWarnings) throw badRequest(warnings.join('; '));

    const ids: string[] = [];
    for (const { fields, plans } of accepted) {
      const existing = [...state.apiKeys.values()].find((k) => k.value === fields.value);
      const at = now();
      const key: ApiKeyRecord = compact({ ...existing, ...fields, id: existing?.id ?? newApiKeyId(), createdDate: existing?.createdDate ?? at, lastUpdatedDate: at });
      state.apiKeys.set(key.id, key);
      for (const plan of plans) state.usagePlanKeys.get(plan)!.add(key.id);
      ids.push(key.id);
    }
    return warnings.length ? { ids, warnings } : { ids };
  }
}
