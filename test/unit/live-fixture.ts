// A loopback emulator with just the live and broadcast modules, a task sink that records what it is
// told, and helpers shared by the live-* and broadcast-* tests.
import { HttpClient } from '../../src/core/http/client';
import { LiveSession, type LiveSessionEvent, type LiveSessionOptions } from '../../src/core/vurbo/live';
import type { ApiEndpoint } from '../../src/core/endpoint';
import type { BatchRevokeField } from '../../src/core/vurbo/inferred';
import { LIVE_PCM, type LiveStartParams } from '../../src/core/vurbo/liveProtocol';
import { encodeWav, toneSamples, WavPcmSource } from '../../src/core/vurbo/wav';
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import type { ResolvedOptions } from '../../src/emulator/options';
import { EmulatorServer } from '../../src/emulator/server';
import type { BroadcastService } from '../../src/emulator/vurbo/broadcastService';
import type { LiveService } from '../../src/emulator/vurbo/liveService';
import { startLiveServices } from '../../src/emulator/vurbo/liveServices';
import type { LiveTaskInit, ProcessingStatus, VurboTaskSink, LiveSentence } from '../../src/emulator/vurbo/taskSink';

export interface SinkTask {
  init: LiveTaskInit;
  statuses: ProcessingStatus[];
  sentences?: LiveSentence[];
  summary?: string;
  durationMs?: number;
  title?: string;
}

export class RecordingSink implements VurboTaskSink {
  readonly tasks = new Map<string, SinkTask>();
  private next = 1;
  createLiveTask(init: LiveTaskInit): string {
    const id = `00000000-0000-4000-8000-${String(this.next++).padStart(12, '0')}`;
    this.tasks.set(id, { init, statuses: ['recording'] });
    return id;
  }
  updateLiveTask(
    taskId: string,
    update: { processingStatus?: ProcessingStatus; sentences?: LiveSentence[]; summary?: string; durationMs?: number; title?: string },
  ): void {
    const t = this.tasks.get(taskId);
    if (!t) throw new Error(`unknown task ${taskId}`);
    if (update.processingStatus) t.statuses.push(update.processingStatus);
    if (update.sentences) t.sentences = update.sentences;
    if (update.summary !== undefined) t.summary = update.summary;
    if (update.durationMs !== undefined) t.durationMs = update.durationMs;
    if (update.title !== undefined) t.title = update.title;
  }
}

export interface LiveFixture {
  server: EmulatorServer;
  live: LiveService;
  broadcasts: BroadcastService;
  sink: RecordingSink;
  key: string;
  endpoint: ApiEndpoint;
  close(): Promise<void>;
}

export async function startLiveFixture(opts: { ticketTtlMs?: number; seed?: boolean; batchRevokeField?: BatchRevokeField } = {}): Promise<LiveFixture> {
  const key = generateVurboKey();
  const options: ResolvedOptions = {
    keys: { vurbo: key, valossa: generateValossaKey() },
    extraValossaKeys: [],
    extraVurboKeys: [],
    seed: opts.seed ?? true,
    jobStepMs: 100,
    seedJobStepMs: 100,
    pollAgainAfterSeconds: 1,
    sseIds: true,
    sseEnd: 'terminal',
    vurboErrorShape: 'unified',
    vurboKeyFailures: {},
    ticketTtlMs: opts.ticketTtlMs ?? 60_000,
    sseEventIntervalMs: 0,
    batchRevokeField: opts.batchRevokeField ?? 'ids',
    cancelMode: 'error-cancelled',
    log: () => undefined,
  };
  const server = new EmulatorServer();
  const sink = new RecordingSink();
  const services = startLiveServices(server, options, sink);
  await server.listen(0);
  const http = new HttpClient({ provider: 'vurbo', retry: { baseDelayMs: 5, maxDelayMs: 20 }, timeoutMs: 5000 });
  return {
    server,
    live: services.live,
    broadcasts: services.broadcasts,
    sink,
    key,
    endpoint: { baseUrl: server.origin, key, http },
    close: async () => {
      services.dispose();
      await server.close();
    },
  };
}

/** A live session on the fixture's emulator from a `seconds`-long tone, paced 8× faster, recording its events. */
export async function recordedSession(
  fx: LiveFixture,
  params: LiveStartParams,
  seconds: number,
  extra: Partial<LiveSessionOptions> = {},
): Promise<{ s: LiveSession; events: LiveSessionEvent[] }> {
  const s = new LiveSession({
    endpoint: fx.endpoint,
    params,
    audio: await toneSource(seconds),
    speed: 8,
    reconnect: { baseDelayMs: 20, maxDelayMs: 100 },
    finishTimeoutMs: 10_000,
    ...extra,
  });
  const events: LiveSessionEvent[] = [];
  s.onEvent((e) => events.push(e));
  return { s, events };
}

/** A generated WAV (a tone) of `seconds`, as the PcmSource a live session reads. */
export async function toneSource(seconds: number, sampleRate = 16_000, channels = 1): Promise<WavPcmSource> {
  return WavPcmSource.fromBuffer(encodeWav(toneSamples(seconds, sampleRate, channels), sampleRate, channels), LIVE_PCM.sampleRate);
}

export function until(cond: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (cond()) return resolve();
      if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 10);
    };
    tick();
  });
}
