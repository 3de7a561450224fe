// The watcher with real processes: a process standing in for localgate (a node child of this
// test) starts an "environment" as localgate does (own process group, tagged) that spins in
// for(;;){}, leaves a tagged child in a new session and an untagged child (scrubbed
// environment) in its group; when the stand-in is killed with SIGKILL, all of them end, and
// so does the watcher. Processes of another owner's tag are left alone. The watcher's list
// of groups drops ended environments, and without /proc the groups it holds are killed.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownerTag, TAG_VARIABLE } from './reaper.ts';
import { forgetGroup, watchedGroups, watchGroup } from './watcher.ts';

const REAPER = new URL('./reaper.ts', import.meta.url).href;
const WATCHER = new URL('./watcher.ts', import.meta.url).href;

// The stand-in for localgate: prints the watcher's pid, then the three function processes'.
const STAND_IN = `
import { spawn } from 'node:child_process';
const { ownerTag, TAG_VARIABLE } = await import(${JSON.stringify(REAPER)});
const { watchGroup, watcherPid } = await import(${JSON.stringify(WATCHER)});
const script = 'setsid sleep 1000 & echo $!; env -i sleep 1000 & echo $!; echo $$; exec node -e "for(;;){}"';
const env = spawn('/bin/sh', ['-c', script], { env: { ...process.env, [TAG_VARIABLE]: ownerTag + '.pool.1' }, detached: true, stdio: ['ignore', 'pipe', 'inherit'] });
watchGroup(env.pid);
console.log(watcherPid());
env.stdout.pipe(process.stdout);
setInterval(() => {}, 1000);
`;

const started: number[] = [];
after(() => {
  for (const pid of started) kill(pid);
});

function kill(pid: number) {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // gone
  }
}

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'latin1'));
  } catch {
    return false;
  }
}

/** Polls until `done()` or `limitMs` passes (a bounded wait, not a timing assertion). */
async function waitFor(done: () => boolean, limitMs: number) {
  const end = Date.now() + limitMs;
  while (!done() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
}

function startStandIn(): Promise<{ child: ChildProcess; pids: number[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', STAND_IN], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child.pid!);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c;
      const pids = out.split('\n').filter(Boolean).map(Number);
      if (pids.length === 4) {
        started.push(...pids);
        resolve({ child, pids });
      }
    });
    child.on('exit', () => reject(new Error(`the stand-in exited: ${out}`)));
  });
}

describe('the watcher', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  it('ends every tagged process and every environment group when localgate is killed with SIGKILL, then itself', async () => {
    // A process of another localgate (this test process, alive: no start reaps it) must survive.
    const other = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore', env: { ...process.env, [TAG_VARIABLE]: `${ownerTag}.other.1` } });
    started.push(other.pid!);
    const { child, pids } = await startStandIn();
    const [watcher, detached, scrubbed, spinner] = pids;
    // Both have exec'd by the time their commands show.
    const command = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'latin1');
    await waitFor(() => command(spinner).includes('for(;;)') && command(scrubbed).startsWith('sleep'), 10_000);
    assert.deepEqual([watcher, detached, scrubbed, spinner].map(alive), [true, true, true, true]);
    assert.ok(!readFileSync(`/proc/${scrubbed}/environ`, 'latin1').includes('LOCALGATE_PROCESS_TAG='));

    child.kill('SIGKILL');
    await waitFor(() => ![watcher, detached, scrubbed, spinner].some(alive), 10_000);
    assert.deepEqual([watcher, detached, scrubbed, spinner].filter(alive), []);
    assert.ok(alive(other.pid!));
    kill(other.pid!);
  });
});

describe('the watcher list', { skip: process.platform !== 'linux' && 'needs /proc to watch the test' }, () => {
  const SCRIPT = new URL('./bootstraps/watcher.sh', import.meta.url).pathname;
  /** A `sleep` leading a process group of its own, untagged. */
  const group = () => {
    const child = spawn('sleep', ['1000'], { detached: true, stdio: 'ignore' });
    started.push(child.pid!);
    return child.pid!;
  };

  it('without /proc, kills the groups it was given and not those it was told to forget', async () => {
    const [forgotten, kept] = [group(), group()];
    // An empty directory stands for /proc on a system without one.
    const noProc = mkdtempSync(join(tmpdir(), 'no-proc-'));
    const watcher = spawn('/bin/sh', [SCRIPT, `^${TAG_VARIABLE}=nothing\\.`, noProc], { stdio: ['pipe', 'ignore', 'inherit'] });
    const exited = new Promise((r) => watcher.on('exit', r));
    watcher.stdin!.end(`${forgotten}\n${kept}\n-${forgotten}\n`);
    await exited;
    await waitFor(() => !alive(kept), 10_000);
    assert.deepEqual([alive(forgotten), alive(kept)], [true, false]);
    kill(forgotten);
    rmSync(noProc, { recursive: true, force: true });
  });

  it('forgets an ended environment once its group is empty, and keeps one whose group still has a process', async () => {
    const [ended, lingering] = [group(), group()];
    watchGroup(ended);
    watchGroup(lingering);
    kill(ended);
    forgetGroup(ended);
    forgetGroup(lingering);
    await waitFor(() => !watchedGroups().includes(ended), 10_000);
    assert.ok(!watchedGroups().includes(ended));
    assert.ok(watchedGroups().includes(lingering));
    kill(lingering);
    await waitFor(() => !watchedGroups().includes(lingering), 10_000);
    assert.ok(!watchedGroups().includes(lingering));
  });
});
