// Runs a backend's device-list command (no shell, bounded in time and output) and parses it.
import { nodeChildProcess } from '../lazyNode';
import type { DeviceListKind } from './backends';
import { deviceListCommand, parseDevices, type CaptureDevice } from './devices';

/** The devices a backend can name; [] when it cannot list them or the listing fails. */
export function listCaptureDevices(kind: DeviceListKind, env?: NodeJS.ProcessEnv, timeoutMs = 5_000): Promise<CaptureDevice[]> {
  const command = deviceListCommand(kind);
  if (!command) return Promise.resolve([]);
  return new Promise((resolve) => {
    nodeChildProcess().execFile(
      command.program,
      [...command.args],
      { timeout: timeoutMs, maxBuffer: 1 << 20, windowsHide: true, env, encoding: 'utf8' },
      (_error, stdout, stderr) => {
        // ffmpeg exits non-zero after listing; what it printed is still the answer.
        resolve(parseDevices(kind, command.stream === 'stdout' ? stdout : stderr));
      },
    );
  });
}
