// The live transcript across reconnects: results in the server's numbering become segments in ours,
// so a server that starts a new task continues the same sid and time line, and a sentence error
// that arrives before its sentence is kept until the sentence does.
import { Transcript, type TranscriptEvent } from '../../transcript/model';
import { resultSegment, type LiveResult } from '../liveProtocol';

export class LiveTimeline {
  readonly transcript = new Transcript();
  /** Where the current server task starts in our numbering and on our time line. */
  private offset = { sid: 0, ms: 0 };
  /** Where the last final sentence ended, on our time line. */
  private lastFinalEnd = 0;
  /** The highest final sid received from the server for the current task (its numbering). */
  private lastServerSid = 0;
  private readonly pendingSentenceErrors = new Map<number, { code: string; message: string }>();

  get lastFinalEndMs(): number {
    return this.lastFinalEnd;
  }

  get lastServerFinalSid(): number {
    return this.lastServerSid;
  }

  /** A server that cannot resume started over at `fromMs`: keep our numbering and time line going. */
  continueAsNewTask(fromMs: number): void {
    this.offset = { sid: Math.max(0, ...this.transcript.segments.map((s) => s.sid)), ms: fromMs };
    this.lastServerSid = 0;
  }

  /** Applies one result; returns the events to show (none for a duplicate). */
  result(r: LiveResult): TranscriptEvent[] {
    const segment = resultSegment(r, this.offset);
    const sid = segment.sid;
    const event: TranscriptEvent = { kind: 'segment', segment };
    if (this.transcript.apply(event).type === 'duplicate') return [];
    const events: TranscriptEvent[] = [event];
    if (r.final) {
      this.lastServerSid = Math.max(this.lastServerSid, r.sid);
      if (segment.endMs !== undefined) this.lastFinalEnd = Math.max(this.lastFinalEnd, segment.endMs);
      const pending = this.pendingSentenceErrors.get(sid);
      if (pending) {
        this.pendingSentenceErrors.delete(sid);
        events.push(this.applySentenceError(sid, pending.code, pending.message));
      }
    }
    return events;
  }

  /** A sentence-level error in the server's numbering; held back until its sentence has arrived. */
  sentenceError(serverSid: number, code: string, message: string): TranscriptEvent[] {
    const sid = serverSid + this.offset.sid;
    if (this.transcript.get(sid)) return [this.applySentenceError(sid, code, message)];
    this.pendingSentenceErrors.set(sid, { code, message });
    return [];
  }

  private applySentenceError(sid: number, code: string, message: string): TranscriptEvent {
    const event: TranscriptEvent = { kind: 'sentenceError', sid, code, message };
    this.transcript.apply(event);
    return event;
  }
}
