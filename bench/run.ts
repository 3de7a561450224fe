// `npm run bench [name...]`: runs every scenario in bench/scenarios (or the ones named, by
// file name without .ts)
// and prints one table. Each scenario measures its own raw baseline in the same run.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchRow, Scenario } from './types.ts';

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => !wanted.length || wanted.includes(f.slice(0, -'.ts'.length)))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  const scenario = (await import(`./scenarios/${file}`)).default as Scenario;
  process.stderr.write(`bench: ${file}...\n`);
  try {
    rows.push(...(await scenario()));
  } catch (err) {
    console.error(`bench: ${file} failed:`, err);
    process.exitCode = 1;
  }
}

const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? n.toFixed(0) : n.toFixed(2));
const table = rows.map((r) => ({
  scenario: r.scenario,
  metric: `${r.metric} (${r.unit})`,
  localgate: fmt(r.localgate),
  baseline: r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.baselineLabel ?? ''}`.trim(),
  ratio: r.baseline ? `${(r.localgate / r.baseline).toFixed(2)}x` : '',
  goal: r.goal ? `${r.goal} ${r.met === undefined ? '' : r.met ? 'met' : 'MISSED'}`.trim() : '',
}));
console.table(table);
process.exit();
