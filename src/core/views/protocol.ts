// The messages between the two webviews (src/webview) and the extension (src/features/views), and
// the state each webview keeps over hide, show and reload. One module, imported on both sides, so a
// message changed on one side fails to compile on the other.
import type { TranscriptViewModel, ViewSentence } from '../transcript/view';
import type { TranscriptSegment } from '../transcript/model';
import type { CategoryRows, LaneData, ReportFirstScreen } from '../valossa/reportScreen';
import type { TranscriptFormat } from '../vurbo/inferred';

/** The view types registered with VS Code (also the serializer ids). */
export const VIEW_TYPE = { report: 'speechApi.valossaReport', transcript: 'speechApi.vurboTranscript' } as const;

/** Words the webviews show, localized by the extension (webview code has no l10n of its own). */
export type ReportStringKey =
  | 'facts'
  | 'duration'
  | 'resolution'
  | 'fps'
  | 'codecs'
  | 'format'
  | 'detections'
  | 'occurrences'
  | 'screenTime'
  | 'timeline'
  | 'zoomIn'
  | 'zoomOut'
  | 'zoomReset'
  | 'transcript'
  | 'search'
  | 'openJson'
  | 'noSpeech'
  | 'noDetections'
  | 'lane'
  | 'confidence'
  | 'more'
  | 'showLane';
export type TranscriptStringKey =
  | 'summary'
  | 'search'
  | 'columns'
  | 'original'
  | 'player'
  | 'loadingAudio'
  | 'export'
  | 'live'
  | 'ended'
  | 'partial'
  | 'matches'
  | 'oneMatch'
  | 'sentences'
  | 'oneSentence';

export type Strings<K extends string> = Readonly<Record<K, string>>;

// ---- the Valossa job report ------------------------------------------------------------------------

// The report stays in the extension host: the webview gets its first screen and asks for the rest.
export type ToReport =
  | {
      readonly type: 'report';
      readonly screen: ReportFirstScreen;
      readonly strings: Strings<ReportStringKey>;
      readonly categoryNames: Readonly<Record<string, string>>;
    }
  /** The occurrences of lanes the webview asked for. */
  | { readonly type: 'lanes'; readonly lanes: readonly LaneData[] }
  /** Every detection whose label matches `query`. */
  | { readonly type: 'found'; readonly query: string; readonly categories: readonly CategoryRows[] }
  /** Speech lines from index `from` on. */
  | { readonly type: 'speech'; readonly from: number; readonly lines: readonly TranscriptSegment[] }
  /** The time was copied: the confirmation to show. */
  | { readonly type: 'copied'; readonly text: string }
  | { readonly type: 'error'; readonly text: string };

export type FromReport =
  | { readonly type: 'ready' }
  /** A line or an occurrence was clicked: show its time and copy it. */
  | { readonly type: 'copyTime'; readonly seconds: number; readonly what: string }
  | { readonly type: 'openJson' }
  | { readonly type: 'lanes'; readonly ids: readonly string[] }
  | { readonly type: 'search'; readonly query: string }
  | { readonly type: 'speech'; readonly from: number };

export interface ReportState {
  readonly jobId: string;
  readonly title: string;
  readonly lanes?: readonly string[];
  readonly zoom?: number;
  readonly query?: string;
}

// ---- the Vurbo transcript viewer -------------------------------------------------------------------

/** Rows the viewer draws before its first paint (a screenful and more); the extension sends a task's history once it has as many. */
export const TRANSCRIPT_FIRST_ROWS = 60;

export type ToTranscript =
  | { readonly type: 'transcript'; readonly view: TranscriptViewModel; readonly live: boolean; readonly strings: Strings<TranscriptStringKey> }
  /** Sentences added or changed (live sessions, late translations), in order. */
  | { readonly type: 'upsert'; readonly sentences: readonly ViewSentence[] }
  | { readonly type: 'summary'; readonly text: string }
  | { readonly type: 'audio'; readonly src: string }
  | { readonly type: 'status'; readonly text: string; readonly ended?: boolean }
  | { readonly type: 'error'; readonly text: string };

export type FromTranscript =
  { readonly type: 'ready' } | { readonly type: 'export'; readonly format: TranscriptFormat } | { readonly type: 'audioFailed'; readonly detail: string };

export interface TranscriptState {
  /** Absent for a live session that has no task yet. */
  readonly taskId?: string;
  readonly title: string;
  readonly columns?: readonly string[];
  readonly query?: string;
}
