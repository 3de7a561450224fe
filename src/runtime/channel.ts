// The framed channel (transport.ts): localgate's own node and python bootstraps read events
// from and write results to a socket they inherit at spawn (the descriptor CHANNEL_FD, named
// to them by CHANNEL_VARIABLE), in the frames of bootstraps/node/frames.cjs. It carries what
// the HTTP Runtime API carries, without HTTP's parsing and headers on either side.
// Bytes that are not frames (the function's own code may write to the descriptor) break the
// channel: the environment is then ended as if the runtime had crashed.
import type { Duplex } from 'node:stream';
import { FRAME, FrameReader, writeFrame, type FrameHead } from './bootstraps/node/frames.cjs';
import { MAX_RESPONSE_BYTES, RESPONSE_TOO_LARGE, type InvocationEvent, type RuntimeCallbacks, type RuntimeTransport } from './transport.ts';

/** The descriptor the channel has in the runtime's process (stdio index). */
export const CHANNEL_FD = 3;
/** Tells a bootstrap which descriptor is its channel; without it, it speaks HTTP. */
export const CHANNEL_VARIABLE = 'LOCALGATE_RUNTIME_CHANNEL';

export class FrameChannel implements RuntimeTransport {
  private readonly reader: FrameReader;

  constructor(
    private readonly socket: Duplex,
    private readonly cb: RuntimeCallbacks,
    /** The channel broke (bytes that are not frames): the environment should end. */
    private readonly onBroken: (why: string) => void,
  ) {
    this.reader = new FrameReader(
      (type, head, body) => this.onFrame(type, head, body),
      (message) => this.onBroken(`runtime channel: ${message}`),
      { maxBody: MAX_RESPONSE_BYTES },
    );
    socket.on('data', (chunk: Buffer) => this.reader.push(chunk));
    // The process ending closes its end; the environment learns that from the exit itself.
    socket.on('error', () => {});
  }

  deliver(event: InvocationEvent) {
    const head: FrameHead = { requestId: event.requestId, deadlineMs: event.deadlineMs, invokedArn: event.invokedArn, traceId: event.traceId };
    if (event.clientContext) head.clientContext = event.clientContext;
    if (event.cognitoIdentity) head.cognitoIdentity = event.cognitoIdentity;
    if (!this.socket.destroyed) writeFrame(this.socket, FRAME.INVOKE, head, event.payload);
  }

  close() {
    this.socket.destroy();
  }

  private onFrame(type: number, head: FrameHead, body: Buffer | undefined) {
    const requestId = typeof head.requestId === 'string' ? head.requestId : '';
    const errorType = typeof head.errorType === 'string' ? head.errorType : undefined;
    const peakKb = typeof head.peakKb === 'number' && Number.isFinite(head.peakKb) ? head.peakKb : undefined;
    if (type === FRAME.NEXT) return this.cb.next(this);
    if (type === FRAME.INIT_ERROR) return this.cb.initError(body ?? Buffer.from(JSON.stringify(RESPONSE_TOO_LARGE)), errorType);
    let settle: (() => void) | undefined;
    if (body === undefined) settle = this.cb.error(requestId, Buffer.from(JSON.stringify(RESPONSE_TOO_LARGE)), RESPONSE_TOO_LARGE.errorType, peakKb);
    else if (type === FRAME.RESPONSE) settle = this.cb.response(requestId, body, peakKb);
    else if (type === FRAME.ERROR) settle = this.cb.error(requestId, body, errorType, peakKb);
    else return this.onBroken(`runtime channel: unknown frame type ${type}`);
    // No acknowledgement to wait for: an unknown request id is ignored, as the HTTP API
    // answers it with 400 and changes nothing.
    settle?.();
  }
}
