// Input devices a backend can name: the command that lists them and the parser of its output.
// PulseAudio/PipeWire sources (`pactl list short sources`), ALSA cards (`arecord -l`), and the
// device lists ffmpeg prints for DirectShow and AVFoundation.
import type { DeviceListKind } from './backends';

export interface CaptureDevice {
  /** What the backend is given (`--device=`, `-D`, `audio=`, `:N`). */
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
  /** A monitor of an output (what is played, not a microphone). */
  readonly monitor?: boolean;
}

export interface DeviceListCommand {
  readonly program: string;
  readonly args: readonly string[];
  /** ffmpeg prints its device lists on stderr and exits non-zero. */
  readonly stream: 'stdout' | 'stderr';
}

export function deviceListCommand(kind: DeviceListKind): DeviceListCommand | undefined {
  switch (kind) {
    case 'pulse':
      return { program: 'pactl', args: ['list', 'short', 'sources'], stream: 'stdout' };
    case 'alsa':
      return { program: 'arecord', args: ['-l'], stream: 'stdout' };
    case 'dshow':
      return { program: 'ffmpeg', args: ['-hide_banner', '-list_devices', 'true', '-f', 'dshow', '-i', 'dummy'], stream: 'stderr' };
    case 'avfoundation':
      return { program: 'ffmpeg', args: ['-hide_banner', '-f', 'avfoundation', '-list_devices', 'true', '-i', ''], stream: 'stderr' };
    case 'none':
      return undefined;
  }
}

export function parseDevices(kind: DeviceListKind, output: string): CaptureDevice[] {
  switch (kind) {
    case 'pulse':
      return parsePulseSources(output);
    case 'alsa':
      return parseArecordList(output);
    case 'dshow':
      return parseDshowList(output);
    case 'avfoundation':
      return parseAvfoundationList(output);
    case 'none':
      return [];
  }
}

/** `index<TAB>name<TAB>driver<TAB>format<TAB>state`; microphones first, monitors after. */
export function parsePulseSources(output: string): CaptureDevice[] {
  const devices = lines(output)
    .map((l) => l.split('\t'))
    .filter((f) => f.length >= 2 && /^\d+$/.test(f[0].trim()) && f[1].trim())
    .map((f): CaptureDevice => {
      const name = f[1].trim();
      const monitor = name.endsWith('.monitor');
      return { id: name, label: name, detail: [f[3]?.trim(), f[4]?.trim()].filter(Boolean).join(' · ') || undefined, monitor };
    });
  return [...devices.filter((d) => !d.monitor), ...devices.filter((d) => d.monitor)];
}

/** `card 1: Device [USB Audio Device], device 0: USB Audio [USB Audio]` → `plughw:1,0` (plug converts the rate). */
export function parseArecordList(output: string): CaptureDevice[] {
  const out: CaptureDevice[] = [];
  for (const line of lines(output)) {
    const m = /^card (\d+): (\S+) \[([^\]]*)\], device (\d+): ([^[]*?)\s*\[([^\]]*)\]/.exec(line);
    if (m) out.push({ id: `plughw:${m[1]},${m[4]}`, label: `${m[3]}: ${m[6] || m[5]}`, detail: `card ${m[1]} (${m[2]}), device ${m[4]}` });
  }
  return out;
}

/**
 * ffmpeg's DirectShow list, in both of its layouts: `"Name" (audio)` lines, or the older
 * "DirectShow audio devices" heading followed by `"Name"` lines (alternative names skipped).
 */
export function parseDshowList(output: string): CaptureDevice[] {
  const out: CaptureDevice[] = [];
  let section: 'audio' | 'video' | undefined;
  for (const raw of lines(output)) {
    const line = raw.replace(/^\[[^\]]*\]\s*/, '');
    if (/DirectShow audio devices/i.test(line)) section = 'audio';
    else if (/DirectShow video devices/i.test(line)) section = 'video';
    if (/Alternative name/i.test(line)) continue;
    const m = /^"([^"]+)"\s*(\((audio|video|none)\))?/.exec(line);
    if (!m) continue;
    const kind = m[3] ?? section;
    if (kind === 'audio' && !out.some((d) => d.id === m[1])) out.push({ id: m[1], label: m[1] });
  }
  return out;
}

/** `[AVFoundation indev @ 0x…] [0] MacBook Pro Microphone` under "AVFoundation audio devices:". */
export function parseAvfoundationList(output: string): CaptureDevice[] {
  const out: CaptureDevice[] = [];
  let audio = false;
  for (const raw of lines(output)) {
    const line = raw.replace(/^\[[^\]]*@[^\]]*\]\s*/, '');
    if (/AVFoundation audio devices/i.test(line)) audio = true;
    else if (/AVFoundation video devices/i.test(line)) audio = false;
    const m = /^\[(\d+)\]\s+(.+)$/.exec(line);
    if (audio && m) out.push({ id: m[1], label: m[2].trim() });
  }
  return out;
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '');
}
