// Valossa core metadata → the job report model (valossa-core.md §5–6): media facts, detections per
// type with occurrence counts and screen time, and the speech transcript. Lenient: every field may
// be missing or of the wrong type, and a type we do not know is kept under its own name.
import type { TranscriptSegment } from '../transcript/model';
import { speakerTurns, speechSegments } from './transcript';
import type { CoreMetadata } from './types';

export interface ReportOccurrence {
  readonly startS: number;
  readonly endS: number;
  /** c_max, else c, else the detection's c. */
  readonly confidence?: number;
}

export interface ReportDetection {
  readonly id: string;
  readonly type: string;
  readonly label: string;
  readonly occurrences: readonly ReportOccurrence[];
  /** Seconds covered by the union of the occurrences (overlaps counted once). */
  readonly screenTimeS: number;
}

export interface ReportCategory {
  /** The detection type, e.g. `human.face`; unknown types too. */
  readonly type: string;
  /** In the file's order (by prominence for most types). */
  readonly detections: readonly ReportDetection[];
}

export interface MediaFacts {
  readonly jobId?: string;
  readonly title?: string;
  readonly durationS?: number;
  readonly fps?: number;
  readonly width?: number;
  readonly height?: number;
  readonly videoCodec?: string;
  readonly audioCodec?: string;
  /** The language the job was requested in. */
  readonly language?: string;
  readonly metadataFormat?: string;
}

export interface ReportModel {
  readonly media: MediaFacts;
  readonly categories: readonly ReportCategory[];
  /** Speaker turns from word-level speech when present, else the speech segments. */
  readonly speech: readonly TranscriptSegment[];
  /** The media's length for the timeline: the stated duration, else the last occurrence's end. */
  readonly timelineS: number;
}

/** Types that make up the transcript rather than the detection lists. */
const SPEECH_TYPES = new Set(['audio.speech', 'audio.speech_detailed']);

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function occurrencesOf(raw: unknown, detectionConfidence: number | undefined): ReportOccurrence[] {
  if (!Array.isArray(raw)) return [];
  const out: ReportOccurrence[] = [];
  for (const o of raw) {
    const r = obj(o);
    const startS = num(r.ss);
    if (startS === undefined) continue;
    const endS = Math.max(startS, num(r.se) ?? startS);
    const confidence = num(r.c_max) ?? num(r.c) ?? detectionConfidence;
    out.push(confidence === undefined ? { startS, endS } : { startS, endS, confidence });
  }
  return out.sort((a, b) => a.startS - b.startS);
}

/** Length of the union of sorted intervals. */
export function coveredSeconds(occurrences: readonly ReportOccurrence[]): number {
  let total = 0;
  let from = -Infinity;
  let to = -Infinity;
  for (const o of occurrences) {
    if (o.startS > to) {
      if (to > from) total += to - from;
      from = o.startS;
      to = o.endS;
    } else if (o.endS > to) to = o.endS;
  }
  if (to > from) total += to - from;
  return total;
}

/** The ids of each type in by_detection_type order, then any detection it does not list. */
function idsByType(detections: Record<string, unknown>, byType: Record<string, unknown>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const listed = new Set<string>();
  for (const [type, ids] of Object.entries(byType)) {
    if (!Array.isArray(ids)) continue;
    const valid = ids.map(String).filter((id) => id in detections && !listed.has(id));
    valid.forEach((id) => listed.add(id));
    out.set(type, valid);
  }
  for (const [id, d] of Object.entries(detections)) {
    if (listed.has(id)) continue;
    const type = text(obj(d).t) ?? 'unknown';
    if (!out.has(type)) out.set(type, []);
    out.get(type)!.push(id);
  }
  return out;
}

function mediaFacts(md: Record<string, unknown>): MediaFacts {
  const jobInfo = obj(md.job_info);
  const technical = obj(obj(md.media_info).technical);
  const resolution = obj(technical.resolution);
  const fromCustomer = obj(obj(md.media_info).from_customer);
  const requested = obj(obj(jobInfo.request).media);
  const version = obj(md.version_info);
  return {
    jobId: text(jobInfo.job_id),
    title: text(fromCustomer.title) ?? text(requested.title),
    durationS: num(technical.duration_s),
    fps: num(technical.fps),
    width: num(resolution.x_pixels),
    height: num(resolution.y_pixels),
    videoCodec: text(obj(technical.video_codec).name_short),
    audioCodec: text(obj(technical.audio_codec).name_short),
    language: text(requested.language),
    metadataFormat: text(version.metadata_format) ?? text(version.metadata_format_version),
  };
}

/** Builds the report. Anything that is not an object gives an empty report, not an exception. */
export function buildReport(metadata: unknown): ReportModel {
  const md = obj(metadata);
  const detections = obj(md.detections);
  const byType = obj(obj(md.detection_groupings).by_detection_type);
  const categories: ReportCategory[] = [];
  let lastEnd = 0;
  for (const [type, ids] of idsByType(detections, byType)) {
    if (SPEECH_TYPES.has(type)) continue;
    const list: ReportDetection[] = [];
    for (const id of ids) {
      const d = obj(detections[id]);
      const occurrences = occurrencesOf(d.occs, num(d.c));
      for (const o of occurrences) lastEnd = Math.max(lastEnd, o.endS);
      list.push({ id, type, label: text(d.label) ?? text(d.cid) ?? `#${id}`, occurrences, screenTimeS: coveredSeconds(occurrences) });
    }
    if (list.length) categories.push({ type, detections: list });
  }
  const typed = md as CoreMetadata;
  const turns = speakerTurns(typed);
  const speech = turns.length ? turns : speechSegments(typed);
  for (const s of speech) lastEnd = Math.max(lastEnd, (s.endMs ?? 0) / 1000);
  const media = mediaFacts(md);
  return { media, categories, speech, timelineS: media.durationS ?? lastEnd };
}

/** The detections that get a timeline lane at first: the most prominent of each category, `max` in all. */
export function defaultLanes(report: ReportModel, max = 8): string[] {
  const out: string[] = [];
  for (let round = 0; out.length < max; round++) {
    let any = false;
    for (const c of report.categories) {
      const d = c.detections[round];
      if (!d) continue;
      any = true;
      if (d.occurrences.length && out.length < max) out.push(d.id);
    }
    if (!any) break;
  }
  return out;
}
