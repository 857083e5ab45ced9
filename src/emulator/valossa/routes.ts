// PLACEHOLDER until the Valossa emulator lands (issue 4): registers no routes yet.
import type { EmulatorServer } from '../server';
import type { ResolvedOptions } from '../options';

export interface ValossaEmulator {
  dispose(): void;
}

export function registerValossa(_server: EmulatorServer, _options: ResolvedOptions): ValossaEmulator {
  return { dispose: () => undefined };
}
