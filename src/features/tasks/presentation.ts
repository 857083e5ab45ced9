// How tasks appear in the tree, without VS Code types (unit-tested): groups and their order, the
// description line, icon names, context values for menus and the tooltip's Markdown.
import { formatClock } from '../../core/clock';
import { isActiveStatus, type VurboTask } from '../../core/vurbo/types';
import { escapeMarkdown } from '../shared/markdown';

export type TaskGroup = 'active' | 'completed' | 'failed';

export const GROUP_LABELS: Readonly<Record<TaskGroup, string>> = { active: 'Active', completed: 'Completed', failed: 'Failed' };
export const GROUP_ORDER: readonly TaskGroup[] = ['active', 'completed', 'failed'];

export function groupOf(task: VurboTask): TaskGroup {
  if (task.processingStatus === 'failed') return 'failed';
  if (isActiveStatus(task.processingStatus)) return 'active';
  return 'completed';
}

/** Newest first; pinned tasks first among the completed ones. */
export function groupTasks(tasks: readonly VurboTask[]): Record<TaskGroup, VurboTask[]> {
  const groups: Record<TaskGroup, VurboTask[]> = { active: [], completed: [], failed: [] };
  for (const t of tasks) groups[groupOf(t)].push(t);
  // ISO timestamps sort as plain strings; localeCompare would cost 100 ms on 10,000 tasks.
  const newest = (a: VurboTask, b: VurboTask) => {
    const x = a.createdAt ?? '';
    const y = b.createdAt ?? '';
    return x < y ? 1 : x > y ? -1 : 0;
  };
  groups.active.sort(newest);
  groups.failed.sort(newest);
  groups.completed.sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || newest(a, b));
  return groups;
}

const STATUS_WORDS: Record<string, string> = {
  recording: 'recording…',
  importing: 'importing…',
  uploading: 'uploading…',
  processing: 'processing…',
  failed: 'failed',
};

export function languagesText(task: VurboTask): string {
  if (!task.sourceLang) return '';
  return task.targetLang && task.targetLang !== task.sourceLang ? `${task.sourceLang} → ${task.targetLang}` : task.sourceLang;
}

/** `● 1:05 · en-US → zh-TW` — unread first so it catches the eye; a pinned task shows a pin icon instead of a word the sidebar would cut off. */
export function taskDescription(task: VurboTask): string {
  const parts: string[] = [];
  const status = STATUS_WORDS[task.processingStatus];
  if (status) parts.push(status);
  if (task.durationMs > 0) parts.push(task.durationFormatted ?? formatClock(task.durationMs));
  const langs = languagesText(task);
  if (langs) parts.push(langs);
  return `${task.isUnread ? '● ' : ''}${parts.join(' · ')}`;
}

/** A codicon id for the task: its state while active or failed, its recording type when done. */
export function taskIcon(task: VurboTask): { id: string; color?: string } {
  switch (task.processingStatus) {
    case 'recording':
      return { id: 'record', color: 'charts.red' };
    case 'importing':
    case 'uploading':
      return { id: 'cloud-upload', color: 'charts.blue' };
    case 'processing':
      return { id: 'loading~spin' };
    case 'failed':
      return { id: 'error', color: 'errorForeground' };
  }
  if (task.isPinned) return { id: 'pinned', color: 'charts.orange' };
  switch (task.type) {
    case 'transcribe':
      return { id: task.typeSource && task.typeSource !== 'realtime' ? 'file-media' : 'note' };
    case 'conversation':
      return { id: 'comment-discussion' };
    case 'record':
      return { id: 'mic' };
    case 'broadcast':
      return { id: 'broadcast' };
    default:
      return { id: 'file' };
  }
}

/** `vurboTask.completed.pinned.unread` — menus match on the parts with `viewItem =~ /…/`. */
export function taskContextValue(task: VurboTask): string {
  return `vurboTask.${groupOf(task)}.${task.isPinned ? 'pinned' : 'unpinned'}.${task.isUnread ? 'unread' : 'read'}`;
}

const TYPE_WORDS: Record<string, string> = {
  transcribe: 'Transcription',
  conversation: 'Conversation (two-way interpretation)',
  record: 'Plain recording',
  broadcast: 'Broadcast',
};

export function taskTooltipMarkdown(task: VurboTask, now = Date.now()): string {
  const rows: [string, string][] = [
    ['Type', `${TYPE_WORDS[task.type] ?? task.type}${task.typeSource ? ` (${task.typeSource})` : ''}`],
    ['Status', `${task.processingStatus}${task.audioStatus ? ` · audio ${task.audioStatus}` : ''}`],
  ];
  if (task.durationMs > 0) rows.push(['Duration', task.durationFormatted ?? formatClock(task.durationMs)]);
  const langs = languagesText(task);
  if (langs) rows.push(['Languages', langs]);
  if (task.createdAt) rows.push(['Created', `${new Date(task.createdAt).toLocaleString()} (${relative(Date.parse(task.createdAt), now)})`]);
  const flags = [task.isPinned ? 'pinned' : '', task.isUnread ? 'unread' : ''].filter(Boolean).join(', ');
  if (flags) rows.push(['Flags', flags]);
  const table = rows.map(([k, v]) => `| ${k} | ${escapeMarkdown(v)} |`).join('\n');
  return `**${escapeMarkdown(task.title)}**\n\n| | |\n|---|---|\n${table}\n\n\`${task.taskId}\``;
}

function relative(then: number, now: number): string {
  if (Number.isNaN(then)) return 'unknown';
  const min = Math.round((now - then) / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const h = Math.round(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.round(h / 24)} days ago`;
}

/** A file name for an export: the title without characters file systems refuse. */
export function safeFileName(title: string, ext: string): string {
  const base =
    title
      .replace(/[\\/:*?"<>|\x00-\x1F]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120) || 'transcript';
  return `${base}.${ext}`;
}
