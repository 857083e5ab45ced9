// The live service and the broadcast service it relays to, created, connected and routed on one
// server (the emulator and the live-only test fixture both start them this way).
import type { ResolvedOptions } from '../options';
import type { EmulatorServer } from '../server';
import { registerBroadcastRoutes } from './broadcastRoutes';
import { BroadcastService } from './broadcastService';
import { registerLiveRoutes } from './liveRoutes';
import { LiveService } from './liveService';
import type { VurboTaskSink } from './taskSink';

interface LiveServices {
  readonly live: LiveService;
  readonly broadcasts: BroadcastService;
  /** Stops the live sessions first (they feed the broadcasts), then the viewer streams. */
  dispose(): void;
}

export function startLiveServices(server: EmulatorServer, options: ResolvedOptions, tasks: VurboTaskSink): LiveServices {
  const broadcasts = new BroadcastService(options, () => server.origin);
  const live = new LiveService(tasks, broadcasts);
  registerLiveRoutes(server, options, live);
  registerBroadcastRoutes(server, options, broadcasts);
  return {
    live,
    broadcasts,
    dispose: () => {
      live.dispose();
      broadcasts.dispose();
    },
  };
}
