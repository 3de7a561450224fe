// What goes with a deleted stage or REST API: API Gateway drops the usage plans' apiStages
// entries and the custom domains' base path mappings that point at it (a stage deleted and
// recreated comes back without its usage plan association).
import type { V1State } from './store.ts';

/** Forgets `restApiId` (every stage of it when `stageName` is undefined) in usage plans and
 * base path mappings. */
export function forgetStage(state: V1State, restApiId: string, stageName?: string) {
  const named = (apiId: string | undefined, stage: string | undefined) => apiId === restApiId && (stageName === undefined || stage === stageName);
  for (const plan of state.usagePlans.values()) {
    plan.apiStages = plan.apiStages.filter((s) => !named(s.apiId, s.stage));
  }
  for (const mappings of state.basePathMappings.values()) {
    for (const [key, mapping] of mappings) {
      // A mapping without a stage follows the API, so it goes only with the API itself.
      if (mapping.restApiId === restApiId && (stageName === undefined || mapping.stage === stageName)) mappings.delete(key);
    }
  }
}
