// Serves the console's front end (src/console/assets) from localgate itself: no CDN, no
// build step. Only files that exist in the assets folder are served.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { packageRoot } from '../paths.ts';

const assetsDir = join(packageRoot, 'src', 'console', 'assets');
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
};
const NAME = /^[a-z0-9-]+\.(html|css|js|svg)$/;

/** Sends an asset by its file name; false when there is no such asset. */
export async function sendAsset(res: ServerResponse, name: string, head: boolean): Promise<boolean> {
  const m = NAME.exec(name);
  if (!m) return false;
  let body: Buffer;
  try {
    body = await readFile(join(assetsDir, name));
  } catch {
    return false;
  }
  res.writeHead(200, { 'Content-Type': TYPES[m[1]], 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
  res.end(head ? undefined : body);
  return true;
}
