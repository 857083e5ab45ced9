// The emulated broadcasts of one emulator (vurbo-vas.md §4.4, §4.5, §7): their records, viewer
// streams and viewer access tokens, and the side a live host session drives (LiveService is given
// this service and relays its captions and phase changes here). Routes: broadcastRoutes.ts.
import type { ResolvedOptions } from '../options';
import { randomAlphanumeric } from '../keys';
import { BroadcastRecords, isLive, type BroadcastPhase, type BroadcastRecord } from './broadcastRecords';
import { BroadcastViewers, type BroadcastViewerSettings, type ViewerResult } from './broadcastViewers';
import { hostView } from './broadcastWire';

/** What a live host session is told by the broadcast it drives. */
interface BroadcastHostLink {
  viewers(count: number): void;
}

type AttachResult = { ok: true; token: string; shareUrl: string; phase: BroadcastPhase; languages: string[] } | { ok: false; code: string; message: string };

interface BroadcastSettings extends BroadcastViewerSettings {
  /** Lifetime of a viewer_access_token. */
  viewerTokenTtlMs: number;
}

export class BroadcastService {
  /** Mutable knobs (tests change them). */
  readonly settings: BroadcastSettings = { captionIntervalMs: 1500, viewerTokenTtlMs: 3_600_000, keepAliveMs: 15_000 };
  readonly records: BroadcastRecords;
  readonly viewers: BroadcastViewers;
  private readonly hosts = new Map<string, BroadcastHostLink>();
  private readonly accessTokens = new Map<string, { broadcastId: string; expiresAt: number; passCode: string }>();

  /** `origin` is the emulator's, for share URLs (known once the server listens). */
  constructor(
    options: ResolvedOptions,
    private readonly origin: () => string,
  ) {
    this.records = new BroadcastRecords(options);
    this.viewers = new BroadcastViewers(
      this.settings,
      (id) => this.hosts.has(id),
      (id, count) => this.hosts.get(id)?.viewers(count),
    );
  }

  shareUrl(b: BroadcastRecord): string {
    return `${this.origin()}/broadcast/${b.token}`;
  }

  hostView(b: BroadcastRecord): Record<string, unknown> {
    return hostView(b, this.shareUrl(b), this.viewers.count(b.id));
  }

  /** A viewer access token for a password-checked viewer. */
  grantViewerAccess(b: BroadcastRecord): string {
    const token = randomAlphanumeric(32);
    this.accessTokens.set(token, { broadcastId: b.id, expiresAt: Date.now() + this.settings.viewerTokenTtlMs, passCode: b.pass_code ?? '' });
    return token;
  }

  /** Whether `given` lets its holder watch `b` (a changed password voids earlier tokens). */
  hasViewerAccess(b: BroadcastRecord, given: string): boolean {
    const grant = this.accessTokens.get(given);
    return !!grant && grant.broadcastId === b.id && grant.expiresAt >= Date.now() && grant.passCode === b.pass_code;
  }

  revoke(b: BroadcastRecord): void {
    this.viewers.endAll(b, 'revoked');
    this.viewers.stopGenerator(b.id);
    b.status = 'revoked';
    b.phase = undefined;
    b.revoked_at = new Date().toISOString();
    for (const [t, g] of this.accessTokens) if (g.broadcastId === b.id) this.accessTokens.delete(t);
  }

  // ---- the host session's side ---------------------------------------------------------------------

  attachHost(broadcastId: string, apiKey: string, sessionId: string, recordingId: string, host: BroadcastHostLink): AttachResult {
    const b = this.records.byIdOrToken(broadcastId);
    if (!b || b.apiKey !== apiKey || b.status === 'revoked') return { ok: false, code: 'broadcast_not_found', message: 'No such broadcast for this key' };
    const busy = this.hosts.get(b.id);
    if (busy && busy !== host) return { ok: false, code: 'broadcast_session_active', message: 'Another session is already broadcasting' };
    this.viewers.stopGenerator(b.id);
    this.hosts.set(b.id, host);
    if (b.current_recording_id !== recordingId) b.recordings_count++;
    Object.assign(b, {
      status: 'active',
      phase: b.phase === 'live' && b.current_recording_id === recordingId ? 'live' : 'standby',
      session_id: sessionId,
      current_recording_id: recordingId,
      started_at: b.started_at ?? new Date().toISOString(),
      ended_at: null,
    });
    b.synthetic = false;
    this.viewers.send(b, 'broadcast_phase_changed', { phase: b.phase, standby_message: b.standby_message });
    host.viewers(this.viewers.count(b.id));
    return { ok: true, token: b.token, shareUrl: this.shareUrl(b), phase: b.phase!, languages: b.translation_languages };
  }

  setPhase(broadcastId: string, phase: BroadcastPhase): void {
    const b = this.records.get(broadcastId);
    if (!b || b.status !== 'active' || b.phase === phase) return;
    b.phase = phase;
    this.viewers.send(b, 'broadcast_phase_changed', { phase, standby_message: b.standby_message });
  }

  setStandbyMessage(broadcastId: string, message: string): void {
    const b = this.records.get(broadcastId);
    if (!b) return;
    b.standby_message = message;
    if (b.phase === 'standby') this.viewers.send(b, 'standby_message', { message });
  }

  announce(broadcastId: string, message: string): void {
    const b = this.records.get(broadcastId);
    if (b) this.viewers.send(b, 'announcement', { message, sent_at: new Date().toISOString() });
  }

  publish(broadcastId: string, result: ViewerResult): void {
    const b = this.records.get(broadcastId);
    // Viewers see captions in the live phase only; standby is the waiting room.
    if (b && isLive(b)) this.viewers.sendResult(b, result);
  }

  detachHost(broadcastId: string, durationMs: number): void {
    const b = this.records.get(broadcastId);
    if (!b) return;
    this.hosts.delete(b.id);
    if (b.status === 'revoked') return;
    b.duration_ms += durationMs;
    Object.assign(b, { status: 'ended', phase: undefined, session_id: null, ended_at: new Date().toISOString() });
    this.viewers.endAll(b, 'ended');
  }

  // ---- test hooks ------------------------------------------------------------------------------------

  /** Open viewer streams of a broadcast token. */
  viewerCount(token: string): number {
    const b = this.records.byToken(token);
    return b ? this.viewers.count(b.id) : 0;
  }

  /** Stops caption generators and keep-alives and closes every viewer stream. */
  dispose(): void {
    this.viewers.dispose();
  }
}
