// How broadcasts appear, as data and strings (no tree types, unit-tested): the state word, the
// description line, the icon and the tooltip's Markdown.
import * as vscode from 'vscode';
import type { Broadcast } from '../../core/vurbo/broadcasts';
import { escapeMarkdown } from '../shared/markdown';

/** `live`, `standby` (active, not live yet), or the status the server gave. */
export function stateOf(b: Broadcast): string {
  if (b.isLive) return 'live';
  if (b.status === 'active') return b.phase === 'live' ? 'live' : 'standby';
  return b.status;
}

export function isRunning(b: Broadcast): boolean {
  const state = stateOf(b);
  return state === 'live' || state === 'standby';
}

/** "live · 3 viewers · a3f9 · password" */
export function broadcastDescription(b: Broadcast): string {
  const state = stateOf(b);
  const viewers =
    b.viewerCount !== undefined && state !== 'ended' && state !== 'pending'
      ? b.viewerCount === 1
        ? vscode.l10n.t(' · {0} viewer', b.viewerCount)
        : vscode.l10n.t(' · {0} viewers', b.viewerCount)
      : '';
  return `${state}${viewers} · ${b.token}${b.accessType === 'password' ? vscode.l10n.t(' · password') : ''}`;
}

export function broadcastIcon(b: Broadcast): { id: string; color?: string } {
  const state = stateOf(b);
  if (state === 'live') return { id: 'broadcast', color: 'charts.red' };
  if (state === 'standby') return { id: 'debug-pause', color: 'charts.yellow' };
  return { id: state === 'ended' ? 'pass' : 'circle-large-outline' };
}

export function broadcastContextValue(b: Broadcast): string {
  return `broadcast.${stateOf(b)}${b.accessType === 'password' ? '.password' : ''}`;
}

export function broadcastTooltipMarkdown(b: Broadcast): string {
  const lines = [
    `**${escapeMarkdown(b.name)}** — ${stateOf(b)}`,
    vscode.l10n.t('Share link: {0} (token `{1}`)', escapeMarkdown(b.shareUrl), b.token),
    vscode.l10n.t(
      'Spoken: {0} · translations: {1}',
      escapeMarkdown(b.transcriptionLanguage),
      escapeMarkdown(b.translationLanguages.join(', ') || vscode.l10n.t('none')),
    ),
    vscode.l10n.t(
      'Access: {0}',
      b.accessType === 'password' ? vscode.l10n.t('password-protected (•••• — "Copy Viewer Password" copies it)') : vscode.l10n.t('public'),
    ) + (b.maxViewers ? vscode.l10n.t(' · up to {0} viewers', b.maxViewers) : ''),
    vscode.l10n.t(
      'Viewers: {0}{1} peak · {2} total',
      b.viewerCount !== undefined ? vscode.l10n.t('{0} now · ', b.viewerCount) : '',
      b.peakViewers,
      b.totalViewers,
    ),
    vscode.l10n.t('Recordings: {0} · {1}', b.recordingsCount, b.durationFormatted ?? '00:00') +
      (b.createdAt ? vscode.l10n.t(' · created {0}', new Date(b.createdAt).toLocaleString()) : ''),
  ];
  return lines.join('\n\n');
}
