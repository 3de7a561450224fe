// Freezing a REST API into a deployment: a deep copy of what the data plane serves.
import type { RestApiRecord, RestApiSnapshot } from './store.ts';

export function freezeSnapshot(record: RestApiRecord): RestApiSnapshot {
  return structuredClone({
    restApiId: record.api.id,
    api: record.api,
    resources: [...record.resources.values()],
    authorizers: Object.fromEntries(record.authorizers),
    models: Object.fromEntries(record.models),
    requestValidators: Object.fromEntries(record.requestValidators),
    gatewayResponses: Object.fromEntries(record.gatewayResponses),
  });
}
