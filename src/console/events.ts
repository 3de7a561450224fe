// Server-Sent Events for the console (/_localgate/api/events): "request" when a data-plane
// request finishes, "invocation" when a function ran (both in 100 ms batches), "change" when
// the control plane changed state. Nothing is formatted or sent while no console is listening.
import type { ServerResponse } from 'node:http';

export class EventStream {
  private clients = new Set<ServerResponse>();
  private changeTimer: NodeJS.Timeout | undefined;
  /** Events waiting for the next batch: each one's data is built when the batch goes out. */
  private queued: Array<[event: string, data: () => unknown]> = [];
  private batchTimer: NodeJS.Timeout | undefined;

  /** `onListening` hears when the first client connects and when the last one leaves. */
  constructor(private readonly onListening: (listening: boolean) => void = () => {}) {}

  get listening(): boolean {
    return this.clients.size > 0;
  }

  open(res: ServerResponse) {
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': localgate console\n\n');
    this.clients.add(res);
    if (this.clients.size === 1) this.onListening(true);
    res.on('close', () => {
      if (this.clients.delete(res) && !this.clients.size) this.onListening(false);
    });
  }

  send(event: string, data: unknown) {
    if (!this.clients.size) return;
    const text = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.clients) res.write(text);
  }

  /** Sends an event with the next batch (every 100 ms, one write per client): a busy data
   * plane pays one array push per request or invocation while a console listens. */
  queue(event: string, data: () => unknown) {
    if (!this.clients.size) return;
    this.queued.push([event, data]);
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = undefined;
      const batch = this.queued;
      this.queued = [];
      if (!this.clients.size) return;
      const text = batch.map(([name, data]) => `event: ${name}\ndata: ${JSON.stringify(data())}\n\n`).join('');
      for (const res of this.clients) res.write(text);
    }, 100);
  }

  /** Coalesces bursts of control-plane calls into one "change" event. */
  changed() {
    if (!this.clients.size || this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      this.send('change', { time: new Date().toISOString() });
    }, 50);
  }

  close() {
    clearTimeout(this.changeTimer);
    clearTimeout(this.batchTimer);
    this.queued = [];
    for (const res of this.clients) res.end();
    const listening = this.listening;
    this.clients.clear();
    if (listening) this.onListening(false);
  }
}
