// How jobs appear, as data and strings (no tree types, unit-tested): the kind of a status, the
// title, the description line, the icon and the tooltip's Markdown.
import * as vscode from 'vscode';
import { isCancelled, type JobStatus } from '../../core/valossa/types';
import { escapeMarkdown } from '../shared/markdown';
import type { JobEntry } from './model';

export type JobKind = 'queued' | 'running' | 'finished' | 'error' | 'cancelled';

export function jobKind(s: JobStatus): JobKind {
  if (isCancelled(s)) return 'cancelled';
  if (s.status === 'finished') return 'finished';
  if (s.status === 'error') return 'error';
  if (s.status === 'queued' || s.status === 'on_hold') return 'queued';
  return 'running';
}

export const JOB_ICONS: Readonly<Record<JobKind, { id: string; color: string }>> = {
  queued: { id: 'clock', color: 'charts.yellow' },
  running: { id: 'sync~spin', color: 'charts.blue' },
  finished: { id: 'pass-filled', color: 'testing.iconPassed' },
  error: { id: 'error', color: 'testing.iconFailed' },
  cancelled: { id: 'circle-slash', color: 'disabledForeground' },
};

/** Evaluated on use, not at load, so the strings come from the display language's bundle. */
function statusLabel(status: string): string | undefined {
  const labels: Record<string, string> = {
    queued: vscode.l10n.t('Queued'),
    on_hold: vscode.l10n.t('On hold'),
    preparing_analysis: vscode.l10n.t('Preparing analysis'),
    processing: vscode.l10n.t('Processing'),
    finished: vscode.l10n.t('Finished'),
    error: vscode.l10n.t('Failed'),
  };
  return Object.hasOwn(labels, status) ? labels[status] : undefined;
}

export function jobTitle(entry: JobEntry): string {
  return entry.info.title || vscode.l10n.t('Job {0}', entry.id.slice(0, 8));
}

export function statusText(entry: JobEntry): string {
  return jobKind(entry.status) === 'cancelled' ? vscode.l10n.t('Cancelled') : (statusLabel(entry.status.status) ?? entry.status.status);
}

export function ago(ms: number, now = Date.now()): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return vscode.l10n.t('just now');
  if (s < 3600) return vscode.l10n.t('{0} min ago', Math.floor(s / 60));
  if (s < 86_400) return vscode.l10n.t('{0} h ago', Math.floor(s / 3600));
  return new Date(ms).toLocaleDateString();
}

/** "Processing · talk.mp4 · 3 min ago": only a job created here has a known age (the API reports no timestamps). */
export function jobDescription(entry: JobEntry, now = Date.now()): string {
  return [statusText(entry), entry.info.mediaName, entry.info.createdHere ? ago(entry.info.firstSeen, now) : undefined].filter(Boolean).join(' · ');
}

export function jobTooltipMarkdown(entry: JobEntry): string {
  const rows: [string, string][] = [[vscode.l10n.t('Status'), statusText(entry)]];
  if (entry.status.media_transfer_status) rows.push([vscode.l10n.t('Media transfer'), entry.status.media_transfer_status]);
  if (entry.status.details) rows.push([vscode.l10n.t('Details'), escapeMarkdown(entry.status.details)]);
  if (entry.info.mediaName) rows.push([vscode.l10n.t('Media'), escapeMarkdown(entry.info.mediaName)]);
  rows.push([vscode.l10n.t('Job ID'), `\`${entry.id}\``]);
  const seen = new Date(entry.info.firstSeen).toLocaleString();
  rows.push(entry.info.createdHere ? [vscode.l10n.t('Created'), seen] : [vscode.l10n.t('First seen'), seen]);
  const table = rows.map(([k, v]) => `| ${k} | ${v} |`).join('\n');
  const note = entry.info.createdHere
    ? ''
    : `\n\n_${vscode.l10n.t('The Valossa API reports no timestamps; "first seen" is when this VS Code first listed the job.')}_`;
  return `**${escapeMarkdown(jobTitle(entry))}**\n\n| | |\n|---|---|\n${table}${note}`;
}

/** A running or queued job counts towards the view's badge. */
export function badgeText(running: number): string | undefined {
  if (!running) return undefined;
  return running === 1 ? vscode.l10n.t('{0} Valossa job running', running) : vscode.l10n.t('{0} Valossa jobs running', running);
}
