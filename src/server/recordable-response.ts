// The server's response class. It lets the console record what a data-plane request was
// answered (status line, headers, body) without wrapping each response's methods: a
// recorder is attached only while a console watches, and each method checks for it.
import { ServerResponse, type IncomingMessage } from 'node:http';

interface ResponseRecorder {
  /** The arguments given to writeHead() (headers given there never show in getHeaders()). */
  head(args: unknown[]): void;
  chunk(chunk: unknown): void;
  /** Called once, before the last chunk goes out. */
  end(res: ServerResponse): void;
}

export class RecordableResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  recorder?: ResponseRecorder;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override writeHead(...args: any[]): this {
    this.recorder?.head(args);
    return (super.writeHead as (...a: unknown[]) => this)(...args);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override write(chunk: any, ...rest: any[]): boolean {
    this.recorder?.chunk(chunk);
    return (super.write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override end(...args: any[]): this {
    if (this.recorder) {
      if (typeof args[0] !== 'function') this.recorder.chunk(args[0]);
      this.recorder.end(this);
      this.recorder = undefined;
    }
    return (super.end as (...a: unknown[]) => this)(...args);
  }
}
