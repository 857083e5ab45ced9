// PLACEHOLDER until the Vurbo emulator lands (issues 5 and 6): registers no routes yet.
import type { EmulatorServer } from '../server';
import type { ResolvedOptions } from '../options';

export interface VurboEmulator {
  dispose(): void;
}

export function registerVurbo(_server: EmulatorServer, _options: ResolvedOptions): VurboEmulator {
  return { dispose: () => undefined };
}
