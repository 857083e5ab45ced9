// What went wrong with a capture program, as a code the extension words with the action to take.
// The messages here are neutral English for logs and tests.
import type { CapturePlatform } from './backends';

export type CaptureProblem =
  | 'no_backend' // no capture program installed
  | 'bad_command' // speechApi.live.captureCommand is not a usable command
  | 'program_missing' // the configured program is not installed
  | 'device_busy'
  | 'device_missing'
  | 'permission_denied' // the OS refused microphone access (macOS privacy settings)
  | 'no_audio' // the program runs but delivers nothing
  | 'program_died';

export interface CaptureErrorInit {
  problem: CaptureProblem;
  program?: string;
  platform?: CapturePlatform;
  exitCode?: number | null;
  signal?: string | null;
  /** The last lines the program wrote to stderr. */
  stderr?: string;
  detail?: string;
}

export class CaptureError extends Error {
  readonly problem: CaptureProblem;
  readonly program: string | undefined;
  readonly platform: CapturePlatform | undefined;
  readonly exitCode: number | null | undefined;
  readonly signal: string | null | undefined;
  readonly stderr: string;

  constructor(init: CaptureErrorInit) {
    super(neutralMessage(init));
    this.name = 'CaptureError';
    this.problem = init.problem;
    this.program = init.program;
    this.platform = init.platform;
    this.exitCode = init.exitCode;
    this.signal = init.signal;
    this.stderr = init.stderr ?? '';
  }

  /** "exit code 1" / "signal SIGKILL", for messages. */
  get howItEnded(): string {
    return this.signal ? `signal ${this.signal}` : this.exitCode === undefined || this.exitCode === null ? 'no exit code' : `exit code ${this.exitCode}`;
  }
}

function neutralMessage(init: CaptureErrorInit): string {
  const tail = init.stderr ? ` It said: ${lastLine(init.stderr)}` : '';
  switch (init.problem) {
    case 'no_backend':
      return `No audio capture program was found.${init.detail ? ` Install ${init.detail}.` : ''}`;
    case 'bad_command':
      return `The capture command setting is not usable: ${init.detail ?? 'unknown problem'}.`;
    case 'program_missing':
      return `The capture program ${init.program ?? ''} is not installed or not on PATH.`;
    case 'device_busy':
      return `The audio device is busy (another program holds it).${tail}`;
    case 'device_missing':
      return `The audio device was not found.${tail}`;
    case 'permission_denied':
      return `Microphone access was denied to ${init.program ?? 'the capture program'}.${tail}`;
    case 'no_audio':
      return `${init.program ?? 'The capture program'} started but delivered no audio.`;
    case 'program_died':
      return `${init.program ?? 'The capture program'} stopped (${init.signal ? `signal ${init.signal}` : `exit code ${init.exitCode ?? '?'}`}).${tail}`;
  }
}

const BUSY = /device or resource busy|resource busy|\bEBUSY\b|in use by another|already in use/i;
const PERMISSION = /permission denied|not permitted|not authori[sz]ed|access denied|\bTCC\b|privacy/i;
const MISSING =
  /no such (file|device|entity)|not found|unknown (device|pcm|source)|could not find|cannot find|invalid (device|source)|no (audio|capture) device|connection (refused|failure)|i\/o error|does not exist|couldn't find/i;

/** Sorts a capture program's end into a problem by what it wrote to stderr. */
export function classifyCaptureExit(init: Omit<CaptureErrorInit, 'problem'>): CaptureError {
  const text = init.stderr ?? '';
  const problem: CaptureProblem = BUSY.test(text)
    ? 'device_busy'
    : PERMISSION.test(text)
      ? 'permission_denied'
      : MISSING.test(text)
        ? 'device_missing'
        : 'program_died';
  return new CaptureError({ ...init, problem });
}

/** The last non-empty line a program wrote (what it said last is usually why it stopped). */
export function lastLine(text: string): string {
  const lines = text
    .trim()
    .split(/\r?\n/)
    .filter((l) => l.trim());
  return (lines[lines.length - 1] ?? '').trim().slice(0, 300);
}
