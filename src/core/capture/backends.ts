// Capture backends: the programs that read a microphone for the extension host (VS Code has no
// microphone API), in order of preference per platform, and the argument arrays that make each one
// write raw 16-bit little-endian mono PCM at the live protocol's rate to stdout. Pure: detection
// takes a lookup of installed programs, so every platform is testable on any machine.

export type CapturePlatform = 'linux' | 'darwin' | 'win32';

export type BackendId = 'parec' | 'pw-record' | 'arecord' | 'ffmpeg-pulse' | 'ffmpeg-alsa' | 'ffmpeg-avfoundation' | 'ffmpeg-dshow' | 'sox';

/** How a backend's devices are listed (devices.ts). */
export type DeviceListKind = 'pulse' | 'alsa' | 'avfoundation' | 'dshow' | 'none';

export interface CaptureBackend {
  readonly id: BackendId;
  /** The program run (looked up on PATH). */
  readonly program: string;
  readonly devices: DeviceListKind;
  /** True when the program cannot pick a default device by itself (a device must be chosen). */
  readonly needsDevice?: boolean;
}

/** One capture program and its arguments: spawned directly, never through a shell. */
export interface CaptureCommand {
  readonly backend: BackendId | 'custom';
  readonly program: string;
  readonly args: readonly string[];
  /** The device asked for, or undefined for the system default. */
  readonly device?: string;
}

export interface CaptureFormat {
  readonly sampleRate: number;
}

/** The backends of each platform, best first. */
export function backendsFor(platform: CapturePlatform, has: (program: string) => boolean): CaptureBackend[] {
  const out: CaptureBackend[] = [];
  const add = (ok: boolean, b: CaptureBackend) => ok && out.push(b);
  switch (platform) {
    case 'linux':
      // parec talks to PulseAudio and to PipeWire's pulse server; pw-record only to PipeWire.
      add(has('parec'), { id: 'parec', program: 'parec', devices: 'pulse' });
      add(has('pw-record'), { id: 'pw-record', program: 'pw-record', devices: has('pactl') ? 'pulse' : 'none' });
      add(has('arecord'), { id: 'arecord', program: 'arecord', devices: 'alsa' });
      if (has('ffmpeg')) {
        if (has('pactl')) add(true, { id: 'ffmpeg-pulse', program: 'ffmpeg', devices: 'pulse' });
        add(true, { id: 'ffmpeg-alsa', program: 'ffmpeg', devices: has('arecord') ? 'alsa' : 'none' });
      }
      add(has('sox'), { id: 'sox', program: 'sox', devices: has('pactl') ? 'pulse' : 'none' });
      return out;
    case 'darwin':
      add(has('ffmpeg'), { id: 'ffmpeg-avfoundation', program: 'ffmpeg', devices: 'avfoundation' });
      add(has('sox'), { id: 'sox', program: 'sox', devices: 'none' });
      return out;
    case 'win32':
      add(has('ffmpeg'), { id: 'ffmpeg-dshow', program: 'ffmpeg', devices: 'dshow', needsDevice: true });
      add(has('sox'), { id: 'sox', program: 'sox', devices: 'none' });
      return out;
  }
}

/** What to install when no backend is found (named in the error the user sees). */
export function installHint(platform: CapturePlatform): string {
  switch (platform) {
    case 'linux':
      return 'pulseaudio-utils (parec), pipewire (pw-record), alsa-utils (arecord), ffmpeg or sox';
    case 'darwin':
      return 'ffmpeg or sox (for example `brew install ffmpeg`)';
    case 'win32':
      return 'ffmpeg or sox (for example `winget install ffmpeg`)';
  }
}

export function asCapturePlatform(platform: string): CapturePlatform | undefined {
  return platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : undefined;
}

const FFMPEG_OUT = (rate: number) => ['-ac', '1', '-ar', String(rate), '-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1'];
const FFMPEG_IN = ['-hide_banner', '-nostdin', '-loglevel', 'error'];
const SOX_OUT = (rate: number) => ['-t', 'raw', '-r', String(rate), '-e', 'signed-integer', '-b', '16', '-c', '1', '-L', '-'];

/** The command that captures `device` (undefined: the system default) with `backend`. */
export function buildCaptureCommand(backend: CaptureBackend, platform: CapturePlatform, format: CaptureFormat, device?: string): CaptureCommand {
  const rate = format.sampleRate;
  const dev = device || undefined;
  const args = ((): string[] => {
    switch (backend.id) {
      case 'parec':
        return [
          '--raw',
          '--format=s16le',
          `--rate=${rate}`,
          '--channels=1',
          '--latency-msec=50',
          '--client-name=Speech API Explorer',
          ...(dev ? [`--device=${dev}`] : []),
        ];
      case 'pw-record':
        return ['--format=s16', `--rate=${rate}`, '--channels=1', ...(dev ? [`--target=${dev}`] : []), '-'];
      case 'arecord':
        return ['-q', '-t', 'raw', '-f', 'S16_LE', '-r', String(rate), '-c', '1', ...(dev ? ['-D', dev] : [])];
      case 'ffmpeg-pulse':
        return [...FFMPEG_IN, '-f', 'pulse', '-i', dev ?? 'default', ...FFMPEG_OUT(rate)];
      case 'ffmpeg-alsa':
        return [...FFMPEG_IN, '-f', 'alsa', '-i', dev ?? 'default', ...FFMPEG_OUT(rate)];
      case 'ffmpeg-avfoundation':
        // ":N" is audio device N and no video; ":default" the system's default input.
        return [...FFMPEG_IN, '-f', 'avfoundation', '-i', `:${dev ?? 'default'}`, ...FFMPEG_OUT(rate)];
      case 'ffmpeg-dshow':
        if (!dev) throw new Error('DirectShow capture needs a device name.');
        return [...FFMPEG_IN, '-f', 'dshow', '-i', `audio=${dev}`, ...FFMPEG_OUT(rate)];
      case 'sox':
        return [...soxInput(platform, backend.devices, dev), ...SOX_OUT(rate)];
    }
  })();
  return { backend: backend.id, program: backend.program, args, device: dev };
}

function soxInput(platform: CapturePlatform, devices: DeviceListKind, dev: string | undefined): string[] {
  if (platform === 'win32') return ['-q', '-t', 'waveaudio', dev ?? 'default'];
  if (!dev) return ['-q', '-d'];
  if (platform === 'darwin') return ['-q', '-t', 'coreaudio', dev];
  return ['-q', '-t', devices === 'pulse' ? 'pulseaudio' : 'alsa', dev];
}

/** The placeholders `speechApi.live.captureCommand` may use in its arguments. */
export const CAPTURE_PLACEHOLDERS = { sampleRate: '${sampleRate}', device: '${device}' } as const;

/**
 * The user's own capture command (`["program", "arg", …]`): each argument has `${sampleRate}` and
 * `${device}` replaced (an empty device becomes `default`). Returns a reason string when the value
 * is not a usable command.
 */
export function customCaptureCommand(value: unknown, format: CaptureFormat, device?: string): CaptureCommand | string {
  if (!Array.isArray(value) || value.length === 0) return 'it must be a non-empty array: the program, then its arguments';
  if (!value.every((v): v is string => typeof v === 'string')) return 'every element must be a string';
  if (value[0].trim() === '') return 'the first element must name the program';
  const fill = (s: string) =>
    s
      .split(CAPTURE_PLACEHOLDERS.sampleRate)
      .join(String(format.sampleRate))
      .split(CAPTURE_PLACEHOLDERS.device)
      .join(device || 'default');
  const [program, ...args] = value;
  return { backend: 'custom', program: fill(program), args: args.map(fill), device: device || undefined };
}

/** The command as one line for logs and messages (quoted where a shell would need it; never run). */
export function describeCommand(command: CaptureCommand): string {
  return [command.program, ...command.args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * Whether a window's remote name still means this machine: a browser window served from loopback
 * (code-server, `code serve-web` on localhost) names its host and port, and its extension host runs
 * where the user sits. SSH, WSL, containers and tunnels name their kind (`ssh-remote`, `wsl`, …).
 */
export function remoteIsThisMachine(remoteName: string | undefined): boolean {
  if (!remoteName) return true;
  return /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d+)?$/i.test(remoteName);
}
