// The emulator's state file (`--state-file`): its port, keys, Valossa jobs and Vurbo tasks, so a
// sandbox started again with the same file comes back the same. Written atomically (a temporary
// file, then a rename), a short while after each change and once more on close.
import fs from 'node:fs';
import path from 'node:path';
import type { SandboxKeys } from './keys';
import type { PersistedJob } from './valossa/routes';
import type { PersistedVurbo } from './vurbo/storeState';

export interface EmulatorState {
  version: 1;
  port: number;
  keys: SandboxKeys;
  valossa: PersistedJob[];
  vurbo: PersistedVurbo;
}

/** How long after a change the file is written (changes come in bursts). */
const SAVE_DELAY_MS = 250;

/**
 * The state in `file`, or undefined when there is none yet. A file that cannot be read as a state is
 * moved aside to `<file>.unreadable` (and said so) rather than stopping the sandbox from starting.
 */
export function readState(file: string, log: (line: string) => void): EmulatorState | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the state file ${file}: ${(e as Error).message}`);
  }
  try {
    const state = JSON.parse(text) as EmulatorState;
    if (
      state.version !== 1 ||
      typeof state.keys?.valossa !== 'string' ||
      typeof state.keys?.vurbo !== 'string' ||
      !Array.isArray(state.valossa) ||
      !Array.isArray(state.vurbo?.keys)
    ) {
      throw new Error('not an emulator state (version 1)');
    }
    return state;
  } catch (e) {
    fs.renameSync(file, `${file}.unreadable`);
    log(`The state file ${file} was unreadable (${(e as Error).message}); moved to ${file}.unreadable, starting afresh.`);
    return undefined;
  }
}

export function writeState(file: string, state: EmulatorState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(state), { mode: 0o600 });
  fs.renameSync(temp, file);
}

/** Writes the state a little after changes, and at once on flush(). */
export class StateSaver {
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => EmulatorState,
    private readonly log: (line: string) => void,
  ) {}

  changed(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => this.save(), SAVE_DELAY_MS);
    this.timer.unref();
  }

  /** Writes now and stops listening for changes (on close). */
  flush(): void {
    this.closed = true;
    this.save();
  }

  private save(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    try {
      writeState(this.file, this.snapshot());
    } catch (e) {
      this.log(`Could not save the state file ${this.file}: ${(e as Error).message}`);
    }
  }
}
