// Server-Sent Events for the console (/_localgate/api/events): "request" when a data-plane
// request finishes, "invocation" when a function ran, "change" when the control plane
// changed state. Nothing is formatted or sent while no console is listening.
import type { ServerResponse } from 'node:http';

export class EventStream {
  private clients = new Set<ServerResponse>();
  private changeTimer: NodeJS.Timeout | undefined;

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

  /** Several events of one type in a single write. */
  sendMany(event: string, items: unknown[]) {
    if (!this.clients.size || !items.length) return;
    const text = items.map((data) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
    for (const res of this.clients) res.write(text);
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
    for (const res of this.clients) res.end();
    const listening = this.listening;
    this.clients.clear();
    if (listening) this.onListening(false);
  }
}
