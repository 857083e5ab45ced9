// A PcmSource fed by a device rather than a file: its audio grows as the device delivers it, so the
// pacer waits for the device instead of a clock (pacer.ts).
import type { PcmSource } from '../vurbo/wav';

export interface DevicePcmSource extends PcmSource {
  readonly kind: 'device';
  /** Audio captured so far (ms of output PCM; muted time does not count). */
  readonly capturedMs: number;
  /** The oldest audio still kept for resending after a reconnect. */
  readonly retainedFromMs: number;
  /** True once the device stopped delivering (closed, or the program ended). */
  readonly ended: boolean;
  /** While muted, what the device delivers is dropped. */
  mute(muted: boolean): void;
  /** Resolves once audio beyond `ms` has arrived, the capture ended, or `signal` aborted. */
  waitForAudio(ms: number, signal?: AbortSignal): Promise<void>;
}

export function isDeviceSource(source: PcmSource): source is DevicePcmSource {
  return (source as Partial<DevicePcmSource>).kind === 'device';
}
