// The summary parameters' documented rules (vurbo-vas.md §4.9, §5.3), checked before a billed request.
import { ApiError } from '../errors';
import { LIMITS } from './types';

export interface SummaryParams {
  mode: 'builtin' | 'custom';
  template?: string;
  prompt?: string;
  promptSlug?: string;
  language?: string;
  plainText?: boolean;
}

/** The documented mutual-exclusion and length rules (§4.9, §5.3), checked before anything is billed. */
export function summaryParamsProblem(p: SummaryParams): ApiError | undefined {
  const conflict = (m: string) => new ApiError({ provider: 'vurbo', code: 'summary_mode_conflict', serverMessage: m });
  const invalid = (m: string) => new ApiError({ provider: 'vurbo', code: 'validation_failed', serverMessage: m });
  if (p.mode === 'builtin') {
    if (!p.template) return invalid('Builtin mode needs a template.');
    if (p.prompt !== undefined || p.promptSlug !== undefined) return conflict('prompt and promptSlug are only allowed in custom mode.');
  } else if (p.mode === 'custom') {
    if (p.template !== undefined) return conflict('template is only allowed in builtin mode.');
    if (!p.prompt) return invalid('Custom mode needs a prompt.');
  } else {
    return invalid('mode must be "builtin" or "custom".');
  }
  if (p.prompt && p.prompt.length > LIMITS.summaryPromptMaxChars) return invalid(`The prompt can have at most ${LIMITS.summaryPromptMaxChars} characters.`);
  if (p.promptSlug && ([...p.promptSlug].length > LIMITS.summaryPromptSlugMaxChars || /[\x00-\x1F\x7F]/.test(p.promptSlug))) {
    return invalid(`The prompt slug can have at most ${LIMITS.summaryPromptSlugMaxChars} characters and no control characters.`);
  }
  return undefined;
}

/** Throws the first broken rule (see summaryParamsProblem): a billed stream is never opened with it. */
export function assertSummaryParams(p: SummaryParams): void {
  const problem = summaryParamsProblem(p);
  if (problem) throw problem;
}
