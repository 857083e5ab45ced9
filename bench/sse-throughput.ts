// sse-throughput: events per second of a Vurbo history stream over loopback, through our SSE client
// (core/vurbo/sse.ts: parse, interpret into TranscriptEvents, dedupe by sid) into a null sink, vs the
// `eventsource` npm package reading the same bytes (its listener JSON-parses each event, the least any
// consumer does). Then memory over a 1,000,000-event stream generated live by the emulator.
// Ours runs as it ships: bundled by esbuild like dist/extension.js. Run from source through tsx, every
// call across modules goes through an export getter (profiled: ≈ 8 % of our time), which no build has.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { EventSource } from 'eventsource';
import esbuild from 'esbuild';
import type { ApiEndpoint } from '../src/core/endpoint';
import { median, percentile, type Benchmark, type Figure } from './lib';
import { SSE_SERVER_DATA, type SseServerData, type SseServerInfo } from './sse-server';

const { sharedOnce, logOverride } = require('../scripts/esbuild-plugins.js') as {
  sharedOnce: esbuild.Plugin;
  logOverride: Record<string, esbuild.LogLevel>;
};

const SENTENCES = 200_000;
const BIG = 1_000_000;
const RUNS = 15;
const EVENT_NAMES = ['connected', 'init_metadata', 'entry', 'summary'];
const PEER_TARGET = 1.0;
const FLOOR_TARGET = 1.4;

type Client = typeof import('../src/core/http/client') & typeof import('../src/core/vurbo/sse');

/** The HTTP layer and the SSE client bundled (and minified) the way esbuild.js bundles the extension. */
async function loadBundledClient(): Promise<Client> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-sse-'));
  const outfile = path.join(dir, 'client.js');
  await esbuild.build({
    stdin: {
      contents: "export { HttpClient } from './src/core/http/client'; export { runSseStream, streamHistory } from './src/core/vurbo/sse';",
      resolveDir: path.join(__dirname, '..'),
      loader: 'ts',
    },
    outfile,
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'silent',
    plugins: [sharedOnce],
    logOverride,
  });
  const client = require(outfile) as Client;
  fs.rmSync(dir, { recursive: true, force: true });
  return client;
}

function startServer(data: SseServerData): Promise<{ info: SseServerInfo; stop(): Promise<void> }> {
  const file = path.join(__dirname, 'sse-server.ts');
  const child = fork(file, [], { execArgv: ['--require', 'tsx/cjs'], env: { ...process.env, [SSE_SERVER_DATA]: JSON.stringify(data) }, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the SSE server exited with ${code} before it was ready`)));
    child.once('message', (info: SseServerInfo) =>
      resolve({
        info,
        stop: () => {
          child.removeAllListeners('exit');
          const exited = new Promise<void>((r) => child.once('exit', () => r()));
          child.send('stop');
          return exited;
        },
      }),
    );
  });
}

/** Ours: the production client on the replay route, every event into a null sink. */
async function ours({ runSseStream }: Client, endpoint: ApiEndpoint, info: SseServerInfo): Promise<{ ms: number; events: number }> {
  let events = 0;
  const started = performance.now();
  const out = await runSseStream(endpoint, { kind: 'history', path: info.replayPath }, { onEvent: () => void events++ });
  const ms = performance.now() - started;
  if (out.reason !== 'done') throw new Error(`our client ended with ${out.reason}`);
  return { ms, events };
}

/**
 * The floor: the same socket and UTF-8 decoding, then only `JSON.parse` of every `data:` line found by
 * indexOf — no SSE framing rules, ids, interpretation or dedupe. No SSE client that parses JSON can beat it.
 */
async function floor(endpoint: ApiEndpoint, info: SseServerInfo): Promise<{ ms: number; events: number }> {
  let events = 0;
  const started = performance.now();
  const res = await endpoint.http.stream({ method: 'GET', url: `${info.baseUrl}/api/v1${info.replayPath}`, headers: { 'x-api-key': info.key } });
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of res.body) {
    const text = rest + decoder.decode(chunk as Buffer, { stream: true });
    let at = 0;
    for (let start = text.indexOf('data: ', at); start >= 0; start = text.indexOf('data: ', at)) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      JSON.parse(text.slice(start + 6, end));
      events++;
      at = end + 1;
    }
    rest = text.slice(at);
  }
  return { ms: performance.now() - started, events };
}

/** The peer: `eventsource` v4 with the key added through its `fetch` option. */
function peer(info: SseServerInfo): Promise<{ ms: number; events: number }> {
  const url = `${info.baseUrl}/api/v1${info.replayPath}`;
  let events = 0;
  let sink = 0;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const es = new EventSource(url, {
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), 'x-api-key': info.key } }),
    });
    const onEvent = (e: MessageEvent) => {
      sink += (JSON.parse(e.data as string) as { sid?: number }).sid ?? 0;
      events++;
    };
    for (const name of EVENT_NAMES) es.addEventListener(name, onEvent);
    es.addEventListener('done', (e) => {
      onEvent(e);
      es.close();
      if (sink < 0) reject(new Error('unreachable'));
      resolve({ ms: performance.now() - started, events });
    });
    es.onerror = (e) => {
      es.close();
      reject(new Error(`eventsource failed: ${String(e.message ?? e.type)}`));
    };
  });
}

function gcFunction(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

const MB = 1024 * 1024;

const benchmark: Benchmark = {
  title: 'Vurbo history SSE over loopback: our client vs the eventsource package; memory over 1,000,000 events',
  async run(): Promise<Figure[]> {
    const client = await loadBundledClient();
    const server = await startServer({ sentences: SENTENCES, bigSentences: BIG });
    const { info } = server;
    try {
      const endpoint: ApiEndpoint = { baseUrl: info.baseUrl, key: info.key, http: new client.HttpClient({ provider: 'vurbo', timeoutMs: 10_000 }) };
      const expected = SENTENCES + 4; // connected, init_metadata, the sentences, summary, done
      const contenders = { ours: () => ours(client, endpoint, info), peer: () => peer(info), floor: () => floor(endpoint, info) };
      const names = Object.keys(contenders) as (keyof typeof contenders)[];
      const times = { ours: [] as number[], peer: [] as number[], floor: [] as number[] };
      // CPU time of this process (the server runs in its own): what other work on a shared machine
      // changes least. The ratios are taken from it; wall-clock figures are in the notes.
      const cpu = { ours: [] as number[], peer: [] as number[], floor: [] as number[] };
      for (const n of names) await contenders[n](); // warm-up, untimed
      for (let round = 0; round < RUNS; round++) {
        for (let i = 0; i < names.length; i++) {
          const who = names[(i + round) % names.length];
          const cpuBefore = process.cpuUsage();
          const r = await contenders[who]();
          const cpuUsed = process.cpuUsage(cpuBefore);
          cpu[who].push((cpuUsed.user + cpuUsed.system) / 1000);
          if (r.events !== expected) throw new Error(`${who} delivered ${r.events} events, expected ${expected}`);
          times[who].push(r.ms);
        }
      }
      const oursMs = median(times.ours);
      const peerMs = median(times.peer);
      const floorMs = median(times.floor);
      // The ratios compare the CPU times of runs of the same round (next to each other, in rotating
      // order), so a load change on the shared machine between rounds moves both sides alike.
      const paired = (a: number[], b: number[]) => a.map((x, i) => x / b[i]);
      const peerRatios = paired(cpu.peer, cpu.ours);
      const floorRatios = paired(cpu.ours, cpu.floor);
      const peerRatio = median(peerRatios);
      const floorRatio = median(floorRatios);
      const spread = (r: number[]) => `per-round ${percentile(r, 25).toFixed(2)}–${percentile(r, 75).toFixed(2)} (quartiles)`;
      const oursRate = (expected / oursMs) * 1000;
      const peerRate = (expected / peerMs) * 1000;

      // Memory: heap after a full GC at 10 % and at 100 % of a 1,000,000-sentence stream the emulator
      // generates as it goes (this process's heap only: the emulator runs in its own).
      const gc = gcFunction();
      const total = BIG + 4;
      let delivered = 0;
      let heapAt10 = 0;
      let heapAtEnd = 0;
      let rssAt10 = 0;
      let rssAtEnd = 0;
      const started = performance.now();
      await client.streamHistory(endpoint, info.bigTaskId, {
        onEvent: (e) => {
          delivered++;
          if (delivered === Math.round(total / 10)) {
            gc();
            heapAt10 = process.memoryUsage().heapUsed;
            rssAt10 = process.memoryUsage().rss;
          } else if (e.kind === 'summary') {
            gc();
            heapAtEnd = process.memoryUsage().heapUsed;
            rssAtEnd = process.memoryUsage().rss;
          }
        },
      });
      const bigMs = performance.now() - started;
      if (delivered !== total) throw new Error(`the 1,000,000-sentence stream delivered ${delivered} events, expected ${total}`);
      const growth = (heapAtEnd - heapAt10) / MB;
      const note = `${SENTENCES.toLocaleString('en')} sentences, ${(info.replayBytes / MB).toFixed(0)} MB recorded from the emulator's history route and replayed by it from memory; median of ${RUNS} alternated runs`;
      return [
        {
          name: 'sse-throughput',
          value: oursRate,
          unit: 'events/s',
          peer: 'eventsource',
          peerValue: peerRate,
          ratio: peerRatio,
          target: `≥ ${PEER_TARGET.toFixed(1)}× eventsource while typing and deduplicating every event (median of per-round CPU-time ratios)`,
          met: peerRatio >= PEER_TARGET,
          note: `${note}; ${spread(peerRatios)}, wall-clock ratio of the medians ${(peerMs / oursMs).toFixed(2)}`,
        },
        {
          name: 'sse-throughput-floor',
          value: (expected / floorMs) * 1000,
          unit: 'events/s',
          peer: 'our client',
          peerValue: oursRate,
          ratio: floorRatio,
          target: `our time ≤ ${FLOOR_TARGET}× the floor's (ratio = our CPU time ÷ the floor's, median of per-round ratios)`,
          met: floorRatio <= FLOOR_TARGET,
          note: `the same socket, decoding and JSON.parse per event, nothing else: what any JSON-reading client must spend; ${spread(floorRatios)}, wall-clock ratio of the medians ${(oursMs / floorMs).toFixed(2)}; eventsource's CPU time is ${median(paired(cpu.peer, cpu.floor)).toFixed(2)}× the floor's`,
        },
        {
          name: 'sse-heap-growth',
          value: growth,
          unit: 'MB',
          peer: 'limit',
          peerValue: 5,
          ratio: Math.max(0, growth) / 5,
          target: '< 5 MB heap growth from 10 % to 100 % of 1,000,000 events',
          met: growth < 5,
          note: `heap after GC ${(heapAt10 / MB).toFixed(1)} → ${(heapAtEnd / MB).toFixed(1)} MB; RSS (this process) ${(rssAt10 / MB).toFixed(0)} → ${(rssAtEnd / MB).toFixed(0)} MB`,
        },
        {
          name: 'sse-throughput-live-emulator',
          value: (total / bigMs) * 1000,
          unit: 'events/s',
          note: `the same client on the 1,000,000-sentence stream the emulator generates live (its JSON generation sets this pace)`,
        },
      ];
    } finally {
      await server.stop();
    }
  },
};

export default benchmark;
