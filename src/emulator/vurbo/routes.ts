// PLACEHOLDER until the Vurbo emulator lands (issues 5 and 6): registers no routes yet.
import type { EmulatorServer } from '../server';
import type { ResolvedOptions } from '../options';
import type { VurboTaskSink } from './taskSink';

export interface VurboEmulator extends VurboTaskSink {
  dispose(): void;
}

export function registerVurbo(_server: EmulatorServer, _options: ResolvedOptions): VurboEmulator {
  return {
    dispose: () => undefined,
    createLiveTask: () => {
      throw new Error('not implemented yet');
    },
    updateLiveTask: () => undefined,
  };
}
