// The live WebSocket connections of one localgate. A connection is registered once its
// $connect succeeded (so @connections calls during $connect answer 410, as on AWS) and
// removed when it closes. Each has an idle timer (10 minutes without a client frame) and a
// lifetime timer (2 hours), API Gateway's limits; both close it with 1001 "Going away".
import type { WebSocket } from 'ws';

const IDLE_TIMEOUT_MS = 10 * 60 * 1000;
const MAX_DURATION_MS = 2 * 60 * 60 * 1000;

export interface Connection {
  id: string;
  apiId: string;
  stage: string;
  domainName: string;
  /** The path the client connected to (shown by the console). */
  path: string;
  /** Epoch milliseconds. */
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  /** requestContext.authorizer for every event of the connection (from $connect's authorizer). */
  authorizer?: Record<string, unknown>;
  socket: WebSocket;
  /** The close code and reason localgate itself closed with, if it did. */
  closedBy?: { code: number; reason: string };
}

export interface ConnectionLimits {
  idleMs: number;
  maxDurationMs: number;
}

export class ConnectionRegistry {
  private connections = new Map<string, Connection>();
  private timers = new Map<string, { idle: NodeJS.Timeout; lifetime: NodeJS.Timeout }>();

  constructor(private readonly limits: ConnectionLimits = { idleMs: IDLE_TIMEOUT_MS, maxDurationMs: MAX_DURATION_MS }) {}

  get size(): number {
    return this.connections.size;
  }

  /** The open connections of an API (for the console). */
  forApi(apiId: string): Connection[] {
    return [...this.connections.values()].filter((c) => c.apiId === apiId);
  }

  get(id: string): Connection | undefined {
    return this.connections.get(id);
  }

  add(conn: Connection) {
    this.connections.set(conn.id, conn);
    const goAway = () => this.close(conn.id, 1001, 'Going away');
    const idle = setTimeout(goAway, this.limits.idleMs).unref();
    const lifetime = setTimeout(goAway, this.limits.maxDurationMs).unref();
    this.timers.set(conn.id, { idle, lifetime });
  }

  /** A frame from the client: the connection is active. */
  touch(id: string, now = Date.now()) {
    const conn = this.connections.get(id);
    if (!conn) return;
    conn.lastActiveAt = now;
    this.timers.get(id)?.idle.refresh();
  }

  remove(id: string) {
    const timers = this.timers.get(id);
    if (timers) {
      clearTimeout(timers.idle);
      clearTimeout(timers.lifetime);
    }
    this.timers.delete(id);
    this.connections.delete(id);
  }

  /** Closes a connection from the server side; its close handler unregisters it. */
  close(id: string, code: number, reason: string): boolean {
    const conn = this.connections.get(id);
    if (!conn) return false;
    conn.closedBy ??= { code, reason };
    conn.socket.close(code, reason);
    // A peer that never answers the close frame is cut off.
    setTimeout(() => conn.socket.terminate(), 5000).unref();
    return true;
  }

  /** Closes everything (reset and shutdown). */
  closeAll(code = 1001, reason = 'Going away') {
    for (const id of [...this.connections.keys()]) this.close(id, code, reason);
  }
}
