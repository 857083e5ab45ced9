// Valossa jobs for language-model tools: the job list, and a job's core metadata boiled down to
// what a model can use (media facts, top detections per category, a speech excerpt), never the raw
// metadata.
import { speechSegments } from '../valossa/transcript';
import { isCancelled, type CoreMetadata, type JobStatus } from '../valossa/types';
import { formatClock } from '../clock';
import { clip } from './window';

export function formatJobList(jobs: readonly JobStatus[]): string {
  if (!jobs.length) return 'No Valossa jobs.';
  const lines = jobs.map((j) => {
    const status = isCancelled(j) ? 'cancelled' : j.status;
    const details = j.details && !isCancelled(j) ? ` — ${j.details}` : '';
    const transfer = j.media_transfer_status && j.status !== 'finished' ? ` (media transfer ${j.media_transfer_status})` : '';
    return `- ${j.job_id}: ${status}${transfer}${details}`;
  });
  const finished = jobs.filter((j) => j.status === 'finished').length;
  return `${jobs.length} Valossa jobs, ${finished} finished (only finished jobs have a summary):\n${lines.join('\n')}`;
}

/** Detection types whose labels are speech, given as the excerpt instead of as detections. */
const SPEECH_TYPES = new Set(['audio.speech', 'audio.speech_detailed']);

interface SummaryOptions {
  /** Detections listed per category (default 5). */
  readonly topPerCategory?: number;
  /** Characters of speech transcript (default 1500). */
  readonly excerptChars?: number;
}

type Loose = Record<string, unknown>;
const obj = (v: unknown): Loose => (v && typeof v === 'object' ? (v as Loose) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function mediaFacts(md: CoreMetadata): string[] {
  const raw = md as unknown as Loose;
  const media = obj(obj(obj(raw.job_info).request).media);
  const tech = obj(obj(raw.media_info).technical);
  const res = obj(tech.resolution);
  const seconds = num(tech.duration_s);
  const facts = [
    text(media.title) && `title "${media.title as string}"`,
    seconds !== undefined && `duration ${formatClock(seconds * 1000)} (${seconds} s)`,
    num(res.x_pixels) && num(res.y_pixels) && `resolution ${res.x_pixels as number}×${res.y_pixels as number}`,
    num(tech.fps) && `${tech.fps as number} fps`,
    text(obj(tech.video_codec).name_short) && `video ${obj(tech.video_codec).name_short as string}`,
    text(obj(tech.audio_codec).name_short) && `audio ${obj(tech.audio_codec).name_short as string}`,
    text(media.language) && `language ${media.language as string}`,
  ];
  return facts.filter((f): f is string => typeof f === 'string');
}

/** Seconds a detection is on screen or heard, summed over its occurrences. */
function presence(occs: readonly { ss?: number; se?: number }[] | undefined): number {
  return (occs ?? []).reduce((sum, o) => sum + Math.max(0, (o.se ?? 0) - (o.ss ?? 0)), 0);
}

function topDetections(md: CoreMetadata, top: number): string[] {
  const byType = md.detection_groupings?.by_detection_type ?? {};
  const lines: string[] = [];
  for (const [type, ids] of Object.entries(byType)) {
    if (SPEECH_TYPES.has(type) || !Array.isArray(ids) || !ids.length) continue;
    // Valossa lists each type's detections most prominent first (valossa-core.md §5).
    const labels = ids
      .slice(0, top)
      .map((id) => md.detections?.[id])
      .filter((d) => d && typeof d.label === 'string');
    const shown = labels.map((d) => `${d!.label} (${Math.round(presence(d!.occs))} s)`).join(', ');
    lines.push(`- ${type}: ${shown}${ids.length > top ? `, and ${ids.length - top} more` : ''}`);
  }
  return lines;
}

export function formatJobSummary(jobId: string, md: CoreMetadata, options: SummaryOptions = {}): string {
  const facts = mediaFacts(md);
  const detections = topDetections(md, options.topPerCategory ?? 5);
  const speech = speechSegments(md);
  const spoken = speech.map((s) => `[${formatClock(s.startMs)}] ${s.text}`).join('\n');
  const excerpt = clip(spoken, options.excerptChars ?? 1500);
  return [
    `Valossa job ${jobId}.`,
    `Media: ${facts.length ? facts.join(', ') : 'no media facts in the metadata'}.`,
    detections.length ? `Top detections per category (time present):\n${detections.join('\n')}` : 'No visual or audio detections besides speech.',
    speech.length ? `Speech (${speech.length} segments${excerpt.length < spoken.length ? ', excerpt' : ''}):\n${excerpt}` : 'No speech was detected.',
  ].join('\n');
}
