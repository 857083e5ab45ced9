// Relays a live broadcast session to the BroadcastService: attaching the host, the captions its
// recording produces, the host's broadcast actions and the detach when the recording is finalised.
import type { BroadcastService } from './broadcastService';
import type { ViewerResult } from './broadcastViewers';
import type { LiveConnection } from './liveConnection';
import type { LiveRecording } from './liveRecording';

export class BroadcastRelay {
  constructor(private readonly broadcasts: BroadcastService) {}

  /**
   * Makes the connection the host of the broadcast its `start` named (a resume may name none: the
   * recording's); returns the `session_started` fields, or undefined after refusing the connection.
   */
  attach(conn: LiveConnection, recording: LiveRecording, requested: string | undefined): Record<string, unknown> | undefined {
    const broadcastId = requested ?? recording.broadcastId;
    const attached = this.broadcasts.attachHost(broadcastId ?? '', conn.apiKey, conn.sessionId, recording.id, {
      viewers: (n) => conn.send('viewer_count', { count: n }),
    });
    if (!attached.ok) {
      conn.refuse(attached.code, attached.message);
      return undefined;
    }
    recording.broadcastId = broadcastId;
    return { broadcast_id: recording.broadcastId, token: attached.token, share_url: attached.shareUrl, phase: attached.phase };
  }

  publish(recording: LiveRecording, result: ViewerResult): void {
    if (recording.broadcastId) this.broadcasts.publish(recording.broadcastId, result);
  }

  /** `broadcast_go_live`, `set_standby_message` and `broadcast_announcement`. */
  action(conn: LiveConnection, recording: LiveRecording, action: string, data: Record<string, unknown>): void {
    const id = recording.broadcastId;
    if (!id) return conn.sendError('validation_failed', `${action} needs a broadcast session`, 'error');
    const message = typeof data.message === 'string' ? data.message : '';
    if (action === 'broadcast_go_live') {
      this.broadcasts.setPhase(id, 'live');
      return conn.send('broadcast_phase_changed', { phase: 'live' });
    }
    if (action === 'set_standby_message') this.broadcasts.setStandbyMessage(id, message);
    else this.broadcasts.announce(id, message);
    conn.send('status', { status: 'ok', message: action === 'broadcast_announcement' ? 'Announcement sent' : 'Standby message set' });
  }

  detach(recording: LiveRecording, durationMs: number): void {
    if (recording.broadcastId) this.broadcasts.detachHost(recording.broadcastId, durationMs);
  }
}
