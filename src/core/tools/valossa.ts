// Valossa jobs for language-model tools: the job list, and a job's core metadata boiled down to
// what a model can use (media facts, top detections per category, a speech excerpt), never the raw
// metadata.
import { buildReport, type ReportModel } from '../valossa/report';
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

interface SummaryOptions {
  /** Detections listed per category (default 5). */
  readonly topPerCategory?: number;
  /** Characters of speech transcript (default 1500). */
  readonly excerptChars?: number;
}

function mediaFacts({ media }: ReportModel): string[] {
  const facts = [
    media.title && `title "${media.title}"`,
    media.durationS !== undefined && `duration ${formatClock(media.durationS * 1000)} (${media.durationS} s)`,
    media.width && media.height && `resolution ${media.width}×${media.height}`,
    media.fps && `${media.fps} fps`,
    media.videoCodec && `video ${media.videoCodec}`,
    media.audioCodec && `audio ${media.audioCodec}`,
    media.language && `language ${media.language}`,
  ];
  return facts.filter((f): f is string => typeof f === 'string');
}

/** Each category's most prominent detections (Valossa's order) with the time they are present, as the report shows it. */
function topDetections({ categories }: ReportModel, top: number): string[] {
  return categories.map(({ type, detections }) => {
    const shown = detections
      .slice(0, top)
      .map((d) => `${d.label} (${Math.round(d.screenTimeS)} s)`)
      .join(', ');
    return `- ${type}: ${shown}${detections.length > top ? `, and ${detections.length - top} more` : ''}`;
  });
}

export function formatJobSummary(jobId: string, md: CoreMetadata, options: SummaryOptions = {}): string {
  const report = buildReport(md);
  const facts = mediaFacts(report);
  const detections = topDetections(report, options.topPerCategory ?? 5);
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
