// One recording of the emulated live service: it turns received audio into a deterministic
// transcript (one sentence per `sentenceMs` of audio, partial results on the way), finishes on
// `stop` and hands the finished recording to the task store. It outlives its connection, so a
// client can resume it.
import { LIVE_PCM_BYTES_PER_MS, type LiveStartParams } from '../../core/vurbo/liveProtocol';
import type { LiveConnection } from './liveConnection';
import type { BroadcastRelay } from './liveRelay';
import { sentenceFor, summaryFor, translationFor } from './liveScript';
import type { LiveFailures, LiveSettings } from './liveSettings';
import type { LiveSentence, VurboTaskSink } from './taskSink';
import type { ViewerResult } from './broadcastViewers';

/** What every recording of one live service shares. */
export interface LiveRecordingDeps {
  readonly settings: LiveSettings;
  readonly failures: LiveFailures;
  readonly tasks: VurboTaskSink;
  readonly relay: BroadcastRelay;
  later(ms: number, fn: () => void): void;
}

export class LiveRecording {
  receivedBytes = 0;
  /** Partials sent for the current sentence. */
  private partials = 0;
  readonly sentences: LiveSentence[] = [];
  finished = false;
  private summary: string | undefined;
  connected = true;
  grace: ReturnType<typeof setTimeout> | undefined;
  broadcastId: string | undefined;

  constructor(
    readonly id: string,
    readonly apiKey: string,
    readonly params: LiveStartParams,
    private readonly deps: LiveRecordingDeps,
  ) {}

  get heardMs(): number {
    return this.receivedBytes / LIVE_PCM_BYTES_PER_MS;
  }

  /** Audio in: partial results every partialEveryMs, a final one every sentenceMs. */
  hear(conn: LiveConnection, bytes: number): void {
    const { settings } = this.deps;
    this.receivedBytes += bytes;
    const heardMs = this.heardMs;
    for (;;) {
      const index = this.sentences.length;
      const sentenceStart = index * settings.sentenceMs;
      const sentenceEnd = sentenceStart + settings.sentenceMs;
      if (heardMs >= sentenceEnd) {
        this.finalSentence(conn, sentenceEnd);
        if (!conn.open || this.finished) return;
        continue;
      }
      const due = Math.floor((heardMs - sentenceStart) / settings.partialEveryMs);
      if (due > this.partials) {
        this.partials = due;
        const text = sentenceFor(index, this.params.transcriptionLanguages[0]);
        const fraction = Math.min(1, (due * settings.partialEveryMs) / settings.sentenceMs);
        const result = {
          sid: index + 1,
          is_final: false,
          text: partialText(text, fraction),
          language: this.params.transcriptionLanguages[0],
          translations: {},
          start_ms: sentenceStart,
        };
        conn.send('result', result);
        this.deps.relay.publish(this, result);
      }
      return;
    }
  }

  finalResult(s: LiveSentence): ViewerResult & Record<string, unknown> {
    const speaker = s.speakerId ? { speaker_id: s.speakerId, speaker_label: s.speakerLabel ?? s.speakerId } : {};
    return {
      sid: s.sid,
      is_final: true,
      text: s.text,
      language: this.params.transcriptionLanguages[0],
      translations: s.translations,
      start_ms: s.startMs,
      end_ms: s.endMs,
      ...speaker,
    };
  }

  /** `stop`: finish the last sentence, then status → segment_uploaded → task_complete → summary_done. */
  stop(conn: LiveConnection): void {
    const { settings, tasks, later } = this.deps;
    const alreadyFinished = this.finished;
    if (!alreadyFinished) {
      const heardMs = this.heardMs;
      if (heardMs - this.sentences.length * settings.sentenceMs >= 300) this.finalSentence(conn, Math.floor(heardMs));
      this.finished = true;
      if (this.grace) clearTimeout(this.grace);
      tasks.updateLiveTask(this.id, { processingStatus: 'uploading', durationMs: Math.floor(heardMs) });
    }
    const steps: (() => void)[] = [
      () => conn.send('status', { status: 'uploading', message: 'Recording stopped, uploading' }),
      () => {
        if (!alreadyFinished) tasks.updateLiveTask(this.id, { processingStatus: 'processing' });
        conn.send('segment_uploaded', { task_id: this.id, segment_index: 0, duration_ms: Math.floor(this.heardMs) });
      },
      () => {
        this.finalise();
        conn.send('task_complete', { task_id: this.id, processing_status: 'completed' });
      },
    ];
    if (this.params.summaryTemplate) steps.push(() => conn.send('summary_done', { task_id: this.id, summary: this.summary }));
    steps.push(() => later(50, () => conn.ws.close(1000, 'session complete')));
    steps.forEach((step, i) => later(settings.finishStepMs * (i + 1), step));
  }

  /** Stores the finished recording with the task store (idempotent). */
  finalise(): void {
    if (this.grace) clearTimeout(this.grace);
    if (this.summary !== undefined) return;
    this.finished = true;
    const texts = this.sentences.map((s) => s.text);
    this.summary = this.params.summaryTemplate ? summaryFor(this.params.summaryTemplate, texts) : '';
    const durationMs = Math.floor(this.heardMs);
    this.deps.tasks.updateLiveTask(this.id, {
      processingStatus: 'completed',
      sentences: this.sentences,
      summary: this.summary || undefined,
      durationMs,
      title: texts.length ? `Live ${this.params.type}: ${truncate(texts[0], 40)}` : `Live ${this.params.type}`,
    });
    this.deps.relay.detach(this, durationMs);
  }

  private finalSentence(conn: LiveConnection, endMs: number): void {
    const { settings, failures } = this.deps;
    const index = this.sentences.length;
    const sid = index + 1;
    const source = this.params.transcriptionLanguages[0];
    const text = sentenceFor(index, source);
    const failing = failures.takeSentence(sid);
    const translations = failing ? {} : Object.fromEntries((this.params.translationLanguages ?? []).map((l) => [l, translationFor(index, l, text)]));
    const speaker = this.params.recognitionMode === 'multi_speaker' ? `Guest-${(index % 2) + 1}` : undefined;
    const sentence: LiveSentence = { sid, text, startMs: index * settings.sentenceMs, endMs, speakerId: speaker, speakerLabel: speaker, translations };
    this.sentences.push(sentence);
    this.partials = 0;
    const result = this.finalResult(sentence);
    conn.send('result', result);
    this.deps.relay.publish(this, result);
    if (failing) conn.sendError(failing, `Translation failed for sentence ${sid}`, 'error', { sid, details: { provider: 'sandbox', source_lang: source } });
    conn.finals++;
    const fatal = failures.takeSessionFatal(conn.finals);
    if (fatal) conn.refuse(fatal, 'Speech recognition service unavailable', 1011);
  }
}

/** The first part of a sentence, by words, as a partial result shows it. */
function partialText(text: string, fraction: number): string {
  if (!text.includes(' ')) return [...text].slice(0, Math.max(1, Math.ceil([...text].length * fraction))).join('');
  const words = text.split(' ');
  return words.slice(0, Math.max(1, Math.ceil(words.length * fraction))).join(' ');
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
