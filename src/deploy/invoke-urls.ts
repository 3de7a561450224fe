// The local invoke URLs of the APIs a stack created, for `localgate deploy` to print.
import { APIGatewayClient, GetStagesCommand } from '@aws-sdk/client-api-gateway';
import { ApiGatewayV2Client, GetApiCommand, GetStagesCommand as GetV2StagesCommand } from '@aws-sdk/client-apigatewayv2';
import type { StackResourceSummary } from '@aws-sdk/client-cloudformation';
import { invokeUrls } from '../invoke-urls.ts';

export interface ApiClients {
  v1: APIGatewayClient;
  v2: ApiGatewayV2Client;
}

/** One line per API and stage: "{kind} {logicalId} ({apiId}) {stage}: {url}", the URL in path form. */
export async function invokeUrlLines(endpoint: string, resources: StackResourceSummary[], clients: ApiClients): Promise<string[]> {
  const lines: string[] = [];
  for (const resource of resources) {
    const apiId = resource.PhysicalResourceId;
    if (!apiId || resource.ResourceStatus?.startsWith('DELETE')) continue;
    if (resource.ResourceType === 'AWS::ApiGateway::RestApi') {
      const { item = [] } = await clients.v1.send(new GetStagesCommand({ restApiId: apiId }));
      for (const stage of item) lines.push(`  REST ${resource.LogicalResourceId} (${apiId}) ${stage.stageName}: ${invokeUrls(endpoint, apiId, 'REST', stage.stageName!)[0]}`);
    } else if (resource.ResourceType === 'AWS::ApiGatewayV2::Api') {
      const api = await clients.v2.send(new GetApiCommand({ ApiId: apiId }));
      const { Items = [] } = await clients.v2.send(new GetV2StagesCommand({ ApiId: apiId }));
      for (const stage of Items) {
        const kind = api.ProtocolType === 'WEBSOCKET' ? 'WebSocket' : 'HTTP';
        const url = invokeUrls(endpoint, apiId, api.ProtocolType ?? 'HTTP', stage.StageName!)[0];
        lines.push(`  ${kind} ${resource.LogicalResourceId} (${apiId}) ${stage.StageName}: ${url}`);
      }
    }
  }
  return lines;
}
