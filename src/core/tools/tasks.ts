// Vurbo task lists for language-model tools: the filter a model asks for (status, name, dates),
// one line per task, and finding the one task a model names by id or title.
import { formatClock } from '../clock';
import { isActiveStatus, type VurboTask } from '../vurbo/types';
import { optionalText, ToolInputError } from './errors';
import { textWindow } from './window';

const TASK_STATUSES = ['all', 'completed', 'active', 'failed'] as const;
type TaskStatusFilter = (typeof TASK_STATUSES)[number];

export interface TaskQuery {
  readonly status: TaskStatusFilter;
  /** Case-insensitive part of the title. */
  readonly name?: string;
  /** Inclusive bounds on the creation time, epoch ms. */
  readonly since?: number;
  readonly until?: number;
}

/** A date (`2026-11-30`, the whole day in UTC) or a date-time; `end` picks the last moment of a bare day. */
function parseDate(value: unknown, field: string, end = false): number | undefined {
  const text = optionalText(value, field);
  if (!text) return undefined;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(day ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new ToolInputError(`${field} must be a date such as 2026-11-30 or 2026-11-30T14:00:00Z, not "${text}".`);
  return day && end ? ms + 86_400_000 - 1 : ms;
}

export function parseTaskQuery(input: { status?: unknown; name?: unknown; since?: unknown; until?: unknown }): TaskQuery {
  const status = optionalText(input.status, 'status') ?? 'all';
  if (!(TASK_STATUSES as readonly string[]).includes(status)) throw new ToolInputError(`status must be one of ${TASK_STATUSES.join(', ')}, not "${status}".`);
  const since = parseDate(input.since, 'since');
  const until = parseDate(input.until, 'until', true);
  if (since !== undefined && until !== undefined && since > until) throw new ToolInputError('since must not be after until.');
  return { status: status as TaskStatusFilter, name: optionalText(input.name, 'name'), since, until };
}

function statusMatches(task: VurboTask, status: TaskStatusFilter): boolean {
  switch (status) {
    case 'all':
      return true;
    case 'completed':
      return task.processingStatus === 'completed';
    case 'failed':
      return task.processingStatus === 'failed';
    case 'active':
      return isActiveStatus(task.processingStatus);
  }
}

export function filterTasks(tasks: readonly VurboTask[], query: TaskQuery): VurboTask[] {
  const name = query.name?.toLowerCase();
  return tasks.filter((t) => {
    if (!statusMatches(t, query.status)) return false;
    if (name && !t.title.toLowerCase().includes(name)) return false;
    if (query.since === undefined && query.until === undefined) return true;
    const created = t.createdAt ? Date.parse(t.createdAt) : NaN;
    if (Number.isNaN(created)) return false;
    return (query.since === undefined || created >= query.since) && (query.until === undefined || created <= query.until);
  });
}

function taskLine(t: VurboTask): string {
  const langs = [t.sourceLang, t.targetLang].filter(Boolean).join(' → ');
  const facts = [
    t.processingStatus,
    t.type,
    t.createdAt && `created ${t.createdAt}`,
    t.durationMs > 0 && `length ${formatClock(t.durationMs)}`,
    langs && `languages ${langs}`,
    t.isPinned && 'pinned',
    t.isUnread && 'unread',
  ];
  return `- "${t.title}" (id ${t.taskId}): ${facts.filter(Boolean).join(', ')}`;
}

export function formatTaskList(all: readonly VurboTask[], query: TaskQuery, maxChars?: number): string {
  const matching = filterTasks(all, query);
  const filters = [
    query.status !== 'all' && `status ${query.status}`,
    query.name && `name containing "${query.name}"`,
    query.since !== undefined && `created from ${new Date(query.since).toISOString()}`,
    query.until !== undefined && `created until ${new Date(query.until).toISOString()}`,
  ].filter(Boolean);
  const head = `${matching.length} of ${all.length} Vurbo tasks${filters.length ? ` match ${filters.join(', ')}` : ''}.`;
  if (!matching.length) return head;
  const window = textWindow(matching.map(taskLine), 1, maxChars);
  const note = window.truncated ? `\n[Only the first ${window.last} are listed. Narrow the list with name, status, since or until.]` : '';
  return `${head}\n${window.text}${note}`;
}

/**
 * The task a reference names: its id, else its title (case-insensitive). With `exact` false a
 * unique part of a title also counts. Several or none is a ToolInputError listing candidates.
 */
export function findTask(tasks: readonly VurboTask[], ref: string, exact = false): VurboTask {
  const byId = tasks.find((t) => t.taskId === ref);
  if (byId) return byId;
  const lower = ref.toLowerCase();
  const titled = tasks.filter((t) => t.title.toLowerCase() === lower);
  const candidates = titled.length || exact ? titled : tasks.filter((t) => t.title.toLowerCase().includes(lower));
  if (candidates.length === 1) return candidates[0];
  if (!candidates.length)
    throw new ToolInputError(`No Vurbo task has the id or ${exact ? 'title' : 'a title containing'} "${ref}". List the tasks to find its id.`);
  const names = candidates
    .slice(0, 10)
    .map((t) => `"${t.title}" (id ${t.taskId})`)
    .join(', ');
  throw new ToolInputError(`"${ref}" names ${candidates.length} Vurbo tasks: ${names}. Give the task id instead.`);
}
