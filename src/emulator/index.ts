// The local emulator of both APIs: one loopback port serves Valossa (`/core/1.0`), Vurbo REST/SSE
// (`/api/v1`), the Vurbo WebSocket (`/ws`), broadcast viewer streams (`/broadcast`) and a small
// admin API for fault injection (`/__emulator`).
import { EmulatorServer, sendJson, type FaultSpec } from './server';
import { generateValossaKey, generateVurboKey, type SandboxKeys } from './keys';
import type { EmulatorOptions, ResolvedOptions } from './options';
import { registerValossa, type ValossaEmulator } from './valossa/routes';
import { registerVurbo, type VurboEmulator } from './vurbo/routes';
import type { BroadcastService } from './vurbo/broadcastService';
import type { LiveService } from './vurbo/liveService';
import { startLiveServices } from './vurbo/liveServices';
import { readState, StateSaver, type EmulatorState } from './state';

export type { EmulatorOptions } from './options';

export interface Emulator {
  readonly port: number;
  readonly origin: string;
  readonly valossaBaseUrl: string;
  readonly vurboBaseUrl: string;
  readonly keys: SandboxKeys;
  readonly server: EmulatorServer;
  readonly valossa: ValossaEmulator;
  readonly vurbo: VurboEmulator;
  /** The live service: its `settings` switch the behaviours the docs leave open (ticket rejection, health replies). */
  readonly live: LiveService;
  readonly broadcasts: BroadcastService;
  addFault(spec: FaultSpec): void;
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = options.log ?? (() => undefined);
  const server = new EmulatorServer({ flatVurboErrors: options.vurboErrorShape === 'flat' });
  // Listen before reading the state: a sandbox going away writes its last state before it lets go of
  // the port, so what is read here is final. Everything after this runs before any request is served.
  const saved = options.stateFile ? readState(options.stateFile, log) : undefined;
  const port = await (options.port === undefined && saved ? server.listenPreferring(saved.port, options.portWaitMs ?? 5000) : server.listen(options.port ?? 0));
  const state = options.stateFile && saved ? readState(options.stateFile, log) : undefined;
  const resolved: ResolvedOptions = {
    keys: {
      valossa: options.keys?.valossa ?? state?.keys.valossa ?? generateValossaKey(),
      vurbo: options.keys?.vurbo ?? state?.keys.vurbo ?? generateVurboKey(),
    },
    extraValossaKeys: options.extraValossaKeys ?? [],
    extraVurboKeys: options.extraVurboKeys ?? [],
    seed: options.seed ?? true,
    jobStepMs: options.jobStepMs ?? 1500,
    seedJobStepMs: options.seedJobStepMs ?? 60_000,
    pollAgainAfterSeconds: options.pollAgainAfterSeconds ?? 1,
    ticketTtlMs: options.ticketTtlMs ?? 60_000,
    sseEventIntervalMs: options.sseEventIntervalMs ?? 0,
    sseIds: options.sseIds ?? true,
    sseEnd: options.sseEnd ?? 'terminal',
    vurboErrorShape: options.vurboErrorShape ?? 'unified',
    vurboKeyFailures: options.vurboKeyFailures ?? {},
    batchRevokeField: options.batchRevokeField ?? 'ids',
    cancelMode: options.cancelMode ?? 'error-cancelled',
    log,
  };
  const valossa = registerValossa(server, resolved, state?.valossa);
  const vurbo = registerVurbo(server, resolved, state?.vurbo);
  const liveServices = startLiveServices(server, resolved, vurbo);
  const snapshot = (): EmulatorState => ({ version: 1, port, keys: resolved.keys, valossa: valossa.snapshot(), vurbo: vurbo.snapshot() });
  const saver = options.stateFile ? new StateSaver(options.stateFile, snapshot, log) : undefined;
  if (saver) {
    server.onMutation = () => saver.changed();
    vurbo.onTimedChange(() => saver.changed());
    saver.changed();
  }

  server.route('POST', '/__emulator/faults', async (ctx) => {
    const spec = JSON.parse((await ctx.body()).toString('utf8') || '{}') as FaultSpec;
    sendJson(ctx.res, 200, server.addFault(spec));
  });
  server.route('DELETE', '/__emulator/faults', (ctx) => {
    server.clearFaults();
    sendJson(ctx.res, 200, {});
  });
  server.route('GET', '/__emulator/access-log', (ctx) => sendJson(ctx.res, 200, server.accessLog));

  let closing: Promise<void> | undefined;
  const origin = server.origin;
  return {
    port,
    origin,
    valossaBaseUrl: `${origin}/core/1.0`,
    vurboBaseUrl: origin,
    keys: resolved.keys,
    server,
    valossa,
    vurbo,
    live: liveServices.live,
    broadcasts: liveServices.broadcasts,
    addFault: (spec) => void server.addFault(spec),
    clearFaults: () => server.clearFaults(),
    // Once, in order: producers first (they write to sockets), then the stores' timers, then the sockets and the server.
    close: () =>
      (closing ??= (async () => {
        liveServices.dispose();
        valossa.dispose();
        vurbo.dispose();
        // Before the port is free: the next sandbox on it reads this.
        saver?.flush();
        await server.close();
      })()),
  };
}
