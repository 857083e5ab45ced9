// `npm run bench` runs every benchmark; `npm run bench -- NAME [NAME…]` runs some. Prints one line per
// figure and merges the figures into bench/results.json (git-ignored). A full run also rewrites the
// README's Performance table from its own figures (bench/readmeTable.ts).
// Adding a benchmark: write bench/<name>.ts exporting a default `Benchmark` (bench/lib.ts) and add one
// line to BENCHMARKS below.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Benchmark, Figure } from './lib';
import { RUN_KEY, writeReadmeTable, type RunConditions } from './readmeTable';

const BENCHMARKS: Record<string, () => Benchmark> = {
  'scan-throughput': () => require('./scan-throughput').default,
  'history-scan': () => require('./history-scan').default,
  'rescan-latency': () => require('./rescan-latency').default,
  'sse-throughput': () => require('./sse-throughput').default,
  activation: () => require('./activation').default,
  'tree-10k': () => require('./tree-10k').default,
  'stream-to-output': () => require('./stream-to-output').default,
  views: () => require('./views').default,
  'activation-vscode': () => require('./inVsCode').activationInVsCode,
  'tree-10k-vscode': () => require('./inVsCode').tree10kInVsCode,
  'first-sentence': () => require('./first-sentence').default,
};

const RESULTS = path.join(__dirname, 'results.json');

function format(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  return abs >= 100 ? n.toFixed(0) : abs >= 10 ? n.toFixed(1) : abs >= 1 ? n.toFixed(2) : n.toPrecision(3);
}

function line(f: Figure): string {
  const peer = f.peer !== undefined && f.peerValue !== undefined ? `  vs ${f.peer} ${format(f.peerValue)} ${f.unit}` : '';
  const ratio = f.ratio !== undefined ? `  ratio ${format(f.ratio)}` : '';
  const target = f.target ? `  target ${f.target} ${f.met ? '✓ met' : '✗ MISSED'}` : '';
  const note = f.note ? `  (${f.note})` : '';
  return `${f.name.padEnd(28)} ${format(f.value)} ${f.unit}${peer}${ratio}${target}${note}`;
}

async function main(): Promise<number> {
  const asked = process.argv.slice(2).filter((a) => a !== '--');
  const unknown = asked.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) {
    console.error(`Unknown benchmark ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  const names = asked.length ? asked : Object.keys(BENCHMARKS);
  const results: Record<string, unknown> = fs.existsSync(RESULTS) ? JSON.parse(fs.readFileSync(RESULTS, 'utf8')) : {};
  const startedAt = new Date();
  const loadStart = os.loadavg()[0];
  const thisRun: Figure[] = [];
  let missed = 0;
  for (const name of names) {
    const bench = BENCHMARKS[name]();
    console.log(`\n== ${name}: ${bench.title}`);
    const started = performance.now();
    const figures = await bench.run();
    for (const f of figures) {
      console.log(line(f));
      thisRun.push(f);
      const { name: figureName, ...rest } = f;
      results[figureName] = rest;
      if (f.met === false) missed++;
    }
    console.log(`== ${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  }
  if (!asked.length) {
    const run: RunConditions = { startedAt, minutes: (Date.now() - startedAt.getTime()) / 60_000, loadStart, loadEnd: os.loadavg()[0] };
    results[RUN_KEY] = run;
    fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    writeReadmeTable(thisRun, run);
    console.log('README.md: the Performance table now shows this run.');
  }
  console.log(`\nFigures written to ${path.relative(process.cwd(), RESULTS)}${missed ? `; ${missed} target(s) missed` : '; every target met'}.`);
  return missed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(err);
    process.exitCode = 1;
  },
);
