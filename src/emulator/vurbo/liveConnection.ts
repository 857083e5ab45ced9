// One WebSocket connection to the emulated live service: the envelope of what it sends, the
// per-connection fault (close after N messages) and the fatal-error-then-close refusal.
import { randomUUID } from 'node:crypto';
import type { WebSocket } from 'ws';
import { vurboError, type Fault } from '../server';
import type { LiveRecording } from './liveRecording';

type Severity = 'fatal' | 'error' | 'warning';

export class LiveConnection {
  readonly sessionId = randomUUID();
  /** The recording this connection feeds (after `start`). */
  recording: LiveRecording | undefined;
  paused = false;
  /** Final sentences sent on this connection. */
  finals = 0;
  private sent = 0;

  /** `later` runs a callback after a delay on the service's timers (cleared when it is disposed). */
  constructor(
    readonly ws: WebSocket,
    readonly apiKey: string,
    private fault: Fault | undefined,
    private readonly later: (ms: number, fn: () => void) => void,
  ) {}

  get open(): boolean {
    return this.ws.readyState === this.ws.OPEN;
  }

  send(action: string, data: Record<string, unknown>, type = 'voice-translation'): void {
    const ws = this.ws;
    if (ws.readyState !== ws.OPEN) return;
    const envelope = action === 'error' ? { type: 'error', data: { action: 'error', ...data } } : { type, data: { action, ...data } };
    ws.send(JSON.stringify(envelope));
    this.sent++;
    const fault = this.fault;
    if (fault?.closeAfterMessages !== undefined && this.sent >= fault.closeAfterMessages) {
      // The fault: the connection drops without a close frame, as a network failure would.
      setImmediate(() => ws.terminate());
      fault.fired = (fault.fired ?? 0) + 1;
      this.fault = undefined;
    }
  }

  sendError(code: string, message: string, severity: Severity, extra: Record<string, unknown> = {}): void {
    this.send('error', (vurboError(code, message, severity, extra) as { data: Record<string, unknown> }).data);
  }

  /** A fatal error, then the close (a moment later, so the error frame leaves first). */
  refuse(code: string, message: string, closeCode = 1008): void {
    this.sendError(code, message, 'fatal');
    this.later(20, () => this.ws.close(closeCode, code));
  }
}
