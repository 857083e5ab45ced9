// Fits a list of text blocks (one per sentence, finding or task) into a character budget for a
// language-model tool result, and says exactly what was left out and how to ask for the rest.

export interface TextWindow {
  readonly text: string;
  /** 1-based positions of the first and last block shown (0 and 0 when none is). */
  readonly first: number;
  readonly last: number;
  readonly total: number;
  /** Blocks after `last` were left out for the budget (the caller names how to get them). */
  readonly truncated: boolean;
}

/** Default budget of one tool result, in characters (a few thousand tokens). */
export const DEFAULT_MAX_CHARS = 12_000;

/**
 * The blocks from 1-based `from` onwards, as many as fit in `maxChars` (always at least one, so
 * a single long block is still shown).
 */
export function textWindow(blocks: readonly string[], from = 1, maxChars = DEFAULT_MAX_CHARS): TextWindow {
  const total = blocks.length;
  const start = Math.max(1, Math.floor(from));
  const shown: string[] = [];
  let used = 0;
  for (let i = start; i <= total; i++) {
    const block = blocks[i - 1];
    if (shown.length > 0 && used + block.length + 1 > maxChars) break;
    shown.push(block);
    used += block.length + 1;
  }
  const last = shown.length ? start + shown.length - 1 : 0;
  return { text: shown.join('\n'), first: shown.length ? start : 0, last, total, truncated: last > 0 && last < total };
}

/** Cuts a string at a word boundary to at most `max` characters, marking the cut with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
