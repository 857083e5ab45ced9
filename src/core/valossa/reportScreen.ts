// The job report model → the pieces a report webview asks for. A 10 MB metadata file makes a model
// of megabytes, mostly occurrences; the webview gets only what its first screen shows (the top rows
// of each category, the occurrences of the lanes on the timeline, the first speech lines) and asks
// for the rest: a lane ticked, a search over every label, the remaining speech.
import type { TranscriptSegment } from '../transcript/model';
import { defaultLanes, type MediaFacts, type ReportDetection, type ReportModel, type ReportOccurrence } from './report';

/** A row of a category table: what it shows, without the occurrences. */
export interface DetectionRow {
  readonly id: string;
  readonly type: string;
  readonly label: string;
  readonly occurrenceCount: number;
  readonly screenTimeS: number;
}

export interface CategoryRows {
  readonly type: string;
  /** Detections of the type in the whole report. */
  readonly total: number;
  readonly rows: readonly DetectionRow[];
}

/** One timeline lane: a detection with its occurrences. */
export type LaneData = Pick<ReportDetection, 'id' | 'type' | 'label' | 'occurrences'>;

export interface ReportFirstScreen {
  readonly media: MediaFacts;
  readonly timelineS: number;
  /** The first `top` rows of each category. */
  readonly categories: readonly CategoryRows[];
  /** The lanes shown at first, in order. */
  readonly defaultLanes: readonly string[];
  readonly lanes: readonly LaneData[];
  readonly speech: readonly TranscriptSegment[];
  readonly speechTotal: number;
}

export const TOP_ROWS = 10;
export const FIRST_SPEECH_LINES = 150;

/** Answers a report webview's questions from one report model, kept in the extension host. */
export class ReportScreens {
  private readonly byId = new Map<string, { type: string; label: string; occurrences: readonly ReportOccurrence[] }>();
  private readonly lowerLabels = new Map<string, string>();

  constructor(readonly report: ReportModel) {
    for (const c of report.categories)
      for (const d of c.detections) {
        this.byId.set(d.id, d);
        this.lowerLabels.set(d.id, d.label.toLocaleLowerCase());
      }
  }

  firstScreen(top = TOP_ROWS, speechLines = FIRST_SPEECH_LINES): ReportFirstScreen {
    const lanes = defaultLanes(this.report);
    return {
      media: this.report.media,
      timelineS: this.report.timelineS,
      categories: this.report.categories.map((c) => ({ type: c.type, total: c.detections.length, rows: c.detections.slice(0, top).map(row) })),
      defaultLanes: lanes,
      lanes: this.lanes(lanes),
      speech: this.report.speech.slice(0, speechLines),
      speechTotal: this.report.speech.length,
    };
  }

  /** The lanes of the known ids among `ids`, in their order. */
  lanes(ids: readonly string[]): LaneData[] {
    const out: LaneData[] = [];
    for (const id of ids) {
      const d = this.byId.get(id);
      if (d) out.push({ id, type: d.type, label: d.label, occurrences: d.occurrences });
    }
    return out;
  }

  /** Every detection whose label contains `query` (case-insensitive), by category; none for an empty query. */
  search(query: string): CategoryRows[] {
    const q = query.trim().toLocaleLowerCase();
    if (!q) return [];
    const out: CategoryRows[] = [];
    for (const c of this.report.categories) {
      const rows = c.detections.filter((d) => this.lowerLabels.get(d.id)!.includes(q)).map(row);
      if (rows.length) out.push({ type: c.type, total: c.detections.length, rows });
    }
    return out;
  }

  /** The speech lines from `from` on. */
  speechFrom(from: number): readonly TranscriptSegment[] {
    return this.report.speech.slice(Math.max(0, Math.floor(from)));
  }
}

function row(d: { id: string; type: string; label: string; occurrences: readonly unknown[]; screenTimeS: number }): DetectionRow {
  return { id: d.id, type: d.type, label: d.label, occurrenceCount: d.occurrences.length, screenTimeS: d.screenTimeS };
}
