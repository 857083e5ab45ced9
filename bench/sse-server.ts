// The emulator for sse-throughput, in a child process (its own core, like a real server, and its CPU
// time kept out of the clients' process.cpuUsage()): a task of
// `sentences` generated sentences on the emulator's history route, and a replay route that serves the
// bytes that very route produced, recorded once, from memory — so the clients, not the emulator's
// JSON generation, set the pace.
import http from 'node:http';
import { startEmulator } from '../src/emulator/index';

export interface SseServerInfo {
  readonly baseUrl: string;
  readonly key: string;
  /** The history task whose stream the replay route serves. */
  readonly taskId: string;
  /** A task with `bigSentences` sentences, streamed live by the emulator. */
  readonly bigTaskId: string;
  /** Path under /api/v1 of the replay route. */
  readonly replayPath: string;
  readonly replayBytes: number;
}

/** The environment variable the parent passes SseServerData in. */
export const SSE_SERVER_DATA = 'SPEECH_API_SSE_SERVER_DATA';

export interface SseServerData {
  readonly sentences: number;
  readonly bigSentences: number;
}

const REPLAY_PATH = '/sse/bench/replay';
const SLICE = 64 * 1024;

function record(url: string, key: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'x-api-key': key } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve(Buffer.concat(chunks)));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function main(): Promise<void> {
  const { sentences, bigSentences } = JSON.parse(process.env[SSE_SERVER_DATA]!) as SseServerData;
  const emulator = await startEmulator({ seed: false });
  const key = emulator.keys.vurbo;
  const taskId = emulator.vurbo.createBigTask(key, sentences);
  const bigTaskId = emulator.vurbo.createBigTask(key, bigSentences);
  const recorded = await record(`${emulator.origin}/api/v1/sse/history/transcribe/${taskId}`, key);
  emulator.server.route('GET', `/api/v1${REPLAY_PATH}`, async (ctx) => {
    if (ctx.req.headers['x-api-key'] !== key) {
      ctx.res.writeHead(401).end();
      return;
    }
    ctx.res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    for (let at = 0; at < recorded.length && !ctx.res.destroyed; at += SLICE) {
      if (!ctx.res.write(recorded.subarray(at, at + SLICE))) await new Promise((r) => ctx.res.once('drain', r));
    }
    ctx.res.end();
  });
  const info: SseServerInfo = { baseUrl: emulator.vurboBaseUrl, key, taskId, bigTaskId, replayPath: REPLAY_PATH, replayBytes: recorded.length };
  process.send!(info);
  process.once('message', () => void emulator.close().then(() => process.exit(0)));
}

if (process.send && process.env[SSE_SERVER_DATA]) void main();
