// What the transport tests (channel, HTTP Runtime API) share: RuntimeCallbacks that record
// every report a runtime makes, in order, as the pool's environment would receive them.
import type { RuntimeCallbacks, RuntimeTransport } from './transport.ts';

/**
 * Records response, error and init error reports in `calls` (a body over 200 bytes as its
 * size; a peak memory reported with it last). Only `knownId` is a pending invocation: its response settles it, another id's
 * response is refused (an unknown request id). Every error settles. `next` is the test's own.
 */
export function recordingCallbacks(knownId: string, next: (transport: RuntimeTransport) => void) {
  const calls: unknown[][] = [];
  const shown = (body: Buffer) => (body.length > 200 ? `${body.length} bytes` : body.toString());
  const callbacks: RuntimeCallbacks = {
    next,
    response: (id, body, peakKb) => {
      calls.push(['response', id, shown(body), ...(peakKb === undefined ? [] : [peakKb])]);
      return id === knownId ? () => void calls.push(['settled', id]) : undefined;
    },
    error: (id, body, type, peakKb) => {
      calls.push(['error', id, shown(body), type, ...(peakKb === undefined ? [] : [peakKb])]);
      return () => void calls.push(['settled', id]);
    },
    initError: (body, type) => void calls.push(['initError', shown(body), type]),
  };
  return { calls, callbacks };
}
