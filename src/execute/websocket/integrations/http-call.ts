// The upstream call of WebSocket HTTP and HTTP_PROXY integrations: the body to the
// integration URI with the handshake's headers; the whole answer read as text.
import { forwardHeaders, proxyRequest } from '../../shared/http-upstream.ts';
import { failed, isFailure, type IntegrationFailure } from '../../shared/integration.ts';
import { substituteStageVariables } from '../../shared/invoke-function.ts';
import { timeoutOf, type WebSocketIntegrationInput } from './contract.ts';

export async function callUpstream(input: WebSocketIntegrationInput, body: string): Promise<{ status: number; body: string } | IntegrationFailure> {
  const { integration } = input;
  const uri = substituteStageVariables(integration.IntegrationUri ?? '', input.stageVariables);
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return failed('misconfigured', `${uri || 'The integration URI'} is not a URL`);
  }
  const headers = new Map<string, string[]>();
  for (const [name, value] of Object.entries(input.params.header)) headers.set(name.toLowerCase(), [value]);
  const method = integration.IntegrationMethod && integration.IntegrationMethod !== 'ANY' ? integration.IntegrationMethod : 'POST';
  const res = await proxyRequest({ url, method, headers, body: Buffer.from(body), timeoutMs: timeoutOf(integration) }, forwardHeaders(headers, {}));
  if (isFailure(res)) return res;
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of res) chunks.push(chunk as Buffer);
  } catch (err) {
    return failed('upstream-error', `The upstream's answer broke off: ${(err as Error).message}`);
  }
  return { status: res.statusCode ?? 502, body: Buffer.concat(chunks).toString('utf8') };
}
