// Killing processes by their tag, with real processes: the sweep that runs when an
// environment ends reads /proc in slices and kills exactly the processes whose tag matches.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { killTaggedInSlices, ownerTag, TAG_VARIABLE } from './reaper.ts';

const started: number[] = [];
after(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
});

function tagged(tag: string): number {
  const child = spawn('sleep', ['1000'], { stdio: 'ignore', env: { ...process.env, [TAG_VARIABLE]: tag } });
  started.push(child.pid!);
  return child.pid!;
}

/** Alive and not a zombie. */
function alive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, 'latin1'));
  } catch {
    return false;
  }
}

describe('killTaggedInSlices', { skip: process.platform !== 'linux' && 'needs /proc' }, () => {
  it('kills every process whose tag matches, and no other', async () => {
    const pool = `${ownerTag}.slices`;
    const doomed = [tagged(`${pool}.1`), tagged(`${pool}.2`)];
    const spared = tagged(`${pool}.3`);
    // The environments have exec'd sleep (their environ is the one given at spawn).
    for (const pid of [...doomed, spared]) {
      for (let i = 0; i < 100 && !readFileSync(`/proc/${pid}/cmdline`, 'latin1').startsWith('sleep'); i++) await new Promise((r) => setTimeout(r, 20));
    }
    const killed = await killTaggedInSlices((tag) => tag === `${pool}.1` || tag === `${pool}.2`);
    assert.equal(killed, 2);
    for (let i = 0; i < 100 && doomed.some(alive); i++) await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual([...doomed, spared].map(alive), [false, false, true]);
  });
});
