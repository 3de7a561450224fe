// Types of frames.cjs (the framed channel's codec, shared with the node bootstrap).
import type { Writable } from 'node:stream';

export declare const FRAME: Readonly<{ NEXT: 1; INVOKE: 2; RESPONSE: 3; ERROR: 4; INIT_ERROR: 5 }>;

export type FrameHead = Record<string, unknown>;

export declare function writeFrame(stream: Writable, type: number, head: FrameHead | undefined, body?: Buffer | string, done?: (err?: Error | null) => void): boolean;

export declare function writeFrames(stream: Writable, frames: Array<[type: number, head: FrameHead | undefined, body?: Buffer | string]>, done?: (err?: Error | null) => void): boolean;

export declare class FrameReader {
  constructor(
    onFrame: (type: number, head: FrameHead, body: Buffer | undefined) => void,
    onError: (message: string) => void,
    limits?: { maxBody?: number; maxHead?: number },
  );
  push(chunk: Buffer): void;
}
