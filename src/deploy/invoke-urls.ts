// The local invoke URLs of the APIs a stack created, for `localgate deploy` to print.
import { APIGatewayClient, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApiCommand, GetStagesCommand as GetV2StagesCommand } from '@aws-sdk/client-apigatewayv2';
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import type { DeployedStack } from '../api-types.ts';
import { invokeUrls } from '../invoke-urls.ts';

export interface ApiClients {
  v1: APIGatewayClient;
  v2: ApiGatewayV2Client;
}

/** An API stage a stack created, with its local invoke URL (path form). */
type DeployedApiStage = DeployedStack['apis'][number];

/** Every stage of every API among a stack's resources. */
export async function stackApiStages(endpoint: string, resources: StackResourceSummary[], clients: ApiClients): Promise<DeployedApiStage[]> {
  const stages: DeployedApiStage[] = [];
  for (const resource of resources) {
    const apiId = resource.PhysicalResourceId;
    const logicalId = resource.LogicalResourceId!;
    if (!apiId || resource.ResourceStatus?.startsWith('DELETE')) continue;
    if (resource.ResourceType === 'AWS::ApiGateway::RestApi') {
      const { item = [] } = await clients.v1.send(new GetStagesCommand({ restApiId: apiId }));
      for (const stage of item) stages.push({ kind: 'REST', logicalId, apiId, stage: stage.stageName!, url: invokeUrls(endpoint, apiId, 'REST', stage.stageName!)[0] });
    } else if (resource.ResourceType === 'AWS::ApiGatewayV2::Api') {
      const api = await clients.v2.send(new GetApiCommand({ ApiId: apiId }));
      const { Items = [] } = await clients.v2.send(new GetV2StagesCommand({ ApiId: apiId }));
      for (const stage of Items) {
        const kind = api.ProtocolType === 'WEBSOCKET' ? 'WebSocket' : 'HTTP';
        stages.push({ kind, logicalId, apiId, stage: stage.StageName!, url: invokeUrls(endpoint, apiId, api.ProtocolType ?? 'HTTP', stage.StageName!)[0] });
      }
    }
  }
  return stages;
}

/** How `localgate deploy` prints one: "{kind} {logicalId} ({apiId}) {stage}: {url}". */
export function invokeUrlLine(s: DeployedApiStage): string {
  return `  ${s.kind} ${s.logicalId} (${s.apiId}) ${s.stage}: ${s.url}`;
}
