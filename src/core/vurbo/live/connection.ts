// One live connection of a session: its socket, whether the server confirmed `start` on it, the
// heartbeat that notices a dead connection, and the promise that settles when it closes.
import { ApiError } from '../../errors';
import { healthPing, serialize, type Envelope } from '../liveProtocol';
import type { Clock } from '../wav';
import type { LiveSocket } from './socket';

export class LiveConnection {
  /** Aborted when the connection closes: stops the audio pump of this connection. */
  readonly abort = new AbortController();
  started = false;
  closeError: ApiError | undefined;
  /** Resolves when the socket closed, with the error that closed it (if any). */
  readonly closed: Promise<ApiError | undefined>;
  private lastMessageAt: number;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private resolveClosed!: (e: ApiError | undefined) => void;

  constructor(
    readonly ws: LiveSocket,
    private readonly clock: Clock,
  ) {
    this.lastMessageAt = clock.now();
    this.closed = new Promise((r) => (this.resolveClosed = r));
  }

  /** Anything arrived: a frame, a ping or a pong. */
  heard(): void {
    this.lastMessageAt = this.clock.now();
  }

  send(message: Envelope): void {
    this.ws.send(serialize(message));
  }

  /** Sends and waits until the frame is handed to the socket: backpressure for the audio pump. */
  sendAwait(message: Envelope): Promise<boolean> {
    return new Promise((resolve) => this.ws.send(serialize(message), (err) => resolve(!err)));
  }

  startHeartbeat(everyMs: number): void {
    this.heartbeat = setInterval(() => {
      if (this.clock.now() - this.lastMessageAt > everyMs * 2 + 5_000) {
        // Nothing came back for two heartbeats: the connection is dead even if TCP has not noticed.
        this.closeError = new ApiError({ provider: 'vurbo', code: 'stream_stalled', serverMessage: 'no reply to the heartbeat' });
        this.ws.terminate();
        return;
      }
      // Both heartbeats the docs allow for: any answer, a pong frame or a JSON reply, counts.
      this.ws.ping();
      this.send(healthPing());
    }, everyMs);
    this.heartbeat.unref?.();
  }

  /** Ends the session's use of the connection: no more pump or heartbeat, and the socket closes. */
  shutDown(reason: string): void {
    this.stopHeartbeat();
    this.abort.abort();
    this.ws.close(1000, reason);
  }

  /** The socket closed: settles `closed` with the error that closed it, else with `otherwise`. */
  settleClosed(otherwise: ApiError | undefined): void {
    this.abort.abort();
    this.stopHeartbeat();
    this.resolveClosed(this.closeError ?? otherwise);
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
  }
}
