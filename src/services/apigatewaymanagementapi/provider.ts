// The @connections API (apigatewaymanagementapi): PostToConnection, GetConnection and
// DeleteConnection on the live WebSocket connections. Reached at an API's invoke URL
// ({endpoint}/@connections/{id}, where routeLabels name the API and stage, and the
// connection must belong to them) or at localgate's root (connection ids are unique).
// A connection that is unknown, closed or still in $connect is 410 GoneException.
import { isUtf8 } from 'node:buffer';
import type { RequestContext } from '../../protocol/engine.ts';
import { AwsError } from '../../protocol/errors.ts';
import type {
  DeleteConnectionRequest,
  GetConnectionRequest,
  GetConnectionResponse,
  PostToConnectionRequest,
} from '../../models/apigatewaymanagementapi.types.ts';

/** A live connection as the @connections API sees it (the WebSocket data plane's connections
 * are these; src/execute/websocket/connections.ts). */
export interface LiveConnection {
  id: string;
  apiId: string;
  stage: string;
  /** Epoch milliseconds. */
  connectedAt: number;
  lastActiveAt: number;
  sourceIp: string;
  userAgent: string;
  socket: {
    readonly readyState: number;
    readonly OPEN: number;
    send(data: Buffer, options: { binary: boolean }): void;
  };
}

/** The WebSocket data plane's open connections, as far as the @connections API needs them. */
export interface LiveConnections {
  get(id: string): LiveConnection | undefined;
  close(id: string, code: number, reason: string): void;
}

/** The Data shape's limit in the model: 128 KB, the WebSocket message payload quota. */
const MAX_DATA_BYTES = 131072;

export class ManagementApiProvider {
  constructor(private readonly connections: LiveConnections) {}

  private connection(id: string, ctx: RequestContext): LiveConnection {
    const conn = this.connections.get(id);
    const labels = ctx.routeLabels;
    if (!conn || (labels && (labels.apiId !== conn.apiId || labels.stage !== conn.stage))) {
      throw new AwsError('GoneException', '');
    }
    return conn;
  }

  postToConnection(input: PostToConnectionRequest, ctx: RequestContext): Record<string, never> {
    const data = Buffer.isBuffer(input.Data) ? input.Data : Buffer.from(input.Data ?? '');
    if (data.length > MAX_DATA_BYTES) throw new AwsError('PayloadTooLargeException', `Message size exceeds the maximum of ${MAX_DATA_BYTES} bytes`);
    const conn = this.connection(input.ConnectionId, ctx);
    if (conn.socket.readyState !== conn.socket.OPEN) throw new AwsError('GoneException', '');
    // AWS does not document the frame type; valid UTF-8 goes as a text frame (what clients
    // of JSON APIs expect), anything else as a binary frame so no byte is altered.
    conn.socket.send(data, { binary: !isUtf8(data) });
    return {};
  }

  getConnection(input: GetConnectionRequest, ctx: RequestContext): GetConnectionResponse {
    const conn = this.connection(input.ConnectionId, ctx);
    return {
      ConnectedAt: new Date(conn.connectedAt),
      Identity: { SourceIp: conn.sourceIp, UserAgent: conn.userAgent },
      LastActiveAt: new Date(conn.lastActiveAt),
    };
  }

  deleteConnection(input: DeleteConnectionRequest, ctx: RequestContext): Record<string, never> {
    const conn = this.connection(input.ConnectionId, ctx);
    this.connections.close(conn.id, 1000, '');
    return {};
  }
}
