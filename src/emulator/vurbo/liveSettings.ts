// The knobs of the emulated live service: its mutable settings (tests and the CLI change them) and
// the failures tests ask it to inject into the next sessions.

export interface LiveSettings {
  /** Audio per sentence (ms of 16 kHz mono PCM). */
  sentenceMs: number;
  /** A partial result every this many ms of audio inside a sentence. */
  partialEveryMs: number;
  /** Pause between the events that follow `stop`. */
  finishStepMs: number;
  /** A task whose connection dropped without `stop` is finalised after this long. */
  resumeGraceMs: number;
  ticketRejection: 'http' | 'frame';
  /**
   * Whether the JSON `health` message gets its `pong` (default true). The docs recommend a ping every
   * 30 s but do not say what answers it; a server may answer only WebSocket ping frames (which the
   * socket always does).
   */
  answerHealth: boolean;
}

export function defaultLiveSettings(): LiveSettings {
  return { sentenceMs: 2000, partialEveryMs: 500, finishStepMs: 100, resumeGraceMs: 120_000, ticketRejection: 'http', answerHealth: true };
}

/** Failures planned for the next sessions; each is used up when it fires. */
export class LiveFailures {
  /** sid → the error code its translation fails with. */
  readonly sentences = new Map<number, string>();
  /** After this many finals in a session, a session-level fatal error. */
  sessionFatal: { finals: number; code: string } | undefined;

  /** The error code sentence `sid` fails with (used up), if any. */
  takeSentence(sid: number): string | undefined {
    const code = this.sentences.get(sid);
    if (code) this.sentences.delete(sid);
    return code;
  }

  /** The session-level fatal error due after `finals` finals (used up), if any. */
  takeSessionFatal(finals: number): string | undefined {
    if (!this.sessionFatal || finals < this.sessionFatal.finals) return undefined;
    const code = this.sessionFatal.code;
    this.sessionFatal = undefined;
    return code;
  }
}
