// Runs documentation examples as written: bash snippets (curl, jq) and TypeScript SDK
// snippets (through tsx), with http://localhost:4566 pointed at a test server.
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

// Asynchronous on purpose: the server runs in the test's own process and must keep answering.
const run = promisify(execFile);
const testDir = fileURLToPath(new URL('./', import.meta.url));

export function pointAt(text: string, url: string): string {
  return text.replaceAll('http://localhost:4566', url);
}

export async function runBash(text: string): Promise<string> {
  return (await run('bash', ['-euo', 'pipefail', '-c', text], { encoding: 'utf8' })).stdout;
}

/** Runs a TypeScript module (top-level await allowed) from inside the repo, so its imports resolve. */
export async function runTypeScript(text: string): Promise<string> {
  const file = `${testDir}.example-${process.pid}.mts`;
  writeFileSync(file, text);
  try {
    return (await run(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8' })).stdout;
  } finally {
    rmSync(file, { force: true });
  }
}

/** The body of the first fenced block of `lang` after `heading` in a markdown text. */
export function codeBlockAfter(markdown: string, heading: string, lang: string): string {
  const from = markdown.indexOf(heading);
  if (from === -1) throw new Error(`no heading ${heading}`);
  const open = markdown.indexOf('```' + lang + '\n', from);
  const close = markdown.indexOf('```', open + 4 + lang.length);
  return markdown.slice(open + 4 + lang.length, close);
}
