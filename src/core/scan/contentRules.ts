// What `.speech-api-scan.json` adds to the scan of a file's text: custom rules (a company's own key
// format) and an allowlist of values and patterns. Both travel as plain data (ContentRuleSpec) so scan
// worker threads can compile their own copy.
// Matching is bounded two ways: a custom regex only ever sees one line, and at most MAX_WINDOW (1024)
// characters of it at a time (longer lines are cut into windows overlapping by 128, so a match up to 128
// characters long is never cut); and a file's custom matching stops after BUDGET_MS (checked between
// windows), which the report then says. With regexSafety.ts's cost bound, one window costs at most
// milliseconds, so one hostile pattern or file cannot stall a scan.
import type { ProviderId } from '../providers';
import { keyDigest } from './fingerprint';
import { MAX_WINDOW, regexProblem } from './regexSafety';
import { RULES, type Finding, type RuleId, type Severity } from './rules';

export interface CustomRuleSpec {
  /** As written in the config; findings carry `custom/<id>`. */
  readonly id: string;
  readonly message: string;
  readonly regex: string;
  readonly severity?: Severity;
  /** Whose dashboard the rotate link opens (default: vurbo). */
  readonly provider?: ProviderId;
}

export interface ContentRuleSpec {
  readonly customRules: readonly CustomRuleSpec[];
  /** Exact values, or `sha256:<hex>` of a value, that are never reported. */
  readonly allowValues: readonly string[];
  /** Regular expressions; a key matching one in full is never reported. */
  readonly allowPatterns: readonly string[];
}

export class RegexRejected extends Error {}

export const CUSTOM_PREFIX = 'custom/';
const MAX_LINE = MAX_WINDOW;
const WINDOW_OVERLAP = 128;
const BUDGET_MS = 100;

interface CompiledRule {
  readonly ruleId: RuleId;
  readonly regex: RegExp;
  readonly message: string;
  readonly provider: ProviderId;
}

export class ContentRules {
  private readonly rules: CompiledRule[];
  private readonly allowDigests: Set<string>;
  private readonly allowRegexes: RegExp[];

  /** Throws RegexRejected (naming the rule) for a pattern that could backtrack catastrophically. */
  constructor(spec: ContentRuleSpec) {
    this.rules = spec.customRules.map((r) => ({
      ruleId: customRuleId(r.id),
      regex: new RegExp(checked(r.regex, `custom rule "${r.id}"`), 'g'),
      message: r.message,
      provider: r.provider ?? 'vurbo',
    }));
    this.allowDigests = new Set(spec.allowValues.map((v) => (v.startsWith('sha256:') ? v.slice(7).toLowerCase() : keyDigest(v))));
    this.allowRegexes = spec.allowPatterns.map((p) => new RegExp(`^(?:${checked(p, `allowlist pattern "${p}"`)})$`));
  }

  get hasCustomRules(): boolean {
    return this.rules.length > 0;
  }

  get isEmpty(): boolean {
    return !this.rules.length && !this.allowDigests.size && !this.allowRegexes.length;
  }

  isAllowed(key: string): boolean {
    if (this.allowDigests.size && this.allowDigests.has(keyDigest(key))) return true;
    return this.allowRegexes.some((r) => r.test(key));
  }

  /**
   * Custom rule findings in `text` (whose first character is at `origin.offset`, on 0-based line
   * `origin.line`), and whether the time budget ran out before every line was looked at.
   */
  find(text: string, origin = { line: 0, offset: 0 }): { findings: Finding[]; budgetExceeded: boolean } {
    const findings: Finding[] = [];
    if (!this.rules.length) return { findings, budgetExceeded: false };
    const deadline = performance.now() + BUDGET_MS;
    let line = origin.line;
    for (let start = 0; start <= text.length; line++) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      for (let from = start; from < end || from === start; from += MAX_LINE - WINDOW_OVERLAP) {
        const to = Math.min(end, from + MAX_LINE);
        const window = text.slice(from, to);
        for (const rule of this.rules) this.matchLine(rule, window, from, start, line, origin.offset, findings);
        if (to === end) break;
        if (performance.now() > deadline) return { findings: dedupe(findings), budgetExceeded: true };
      }
      if (performance.now() > deadline) return { findings: dedupe(findings), budgetExceeded: nl >= 0 };
      if (nl < 0) break;
      start = nl + 1;
    }
    return { findings: dedupe(findings), budgetExceeded: false };
  }

  private matchLine(rule: CompiledRule, window: string, from: number, lineStart: number, line: number, offset: number, out: Finding[]): void {
    rule.regex.lastIndex = 0;
    for (let m = rule.regex.exec(window); m; m = rule.regex.exec(window)) {
      if (!m[0]) {
        rule.regex.lastIndex++;
        continue;
      }
      if (this.isAllowed(m[0])) continue;
      const column = from - lineStart + m.index + 1;
      const start = offset + from + m.index;
      out.push({
        ruleId: rule.ruleId,
        provider: rule.provider,
        start,
        end: start + m[0].length,
        line: line + 1,
        column,
        endLine: line + 1,
        endColumn: column + m[0].length,
        message: rule.message,
      });
    }
  }
}

export function customRuleId(id: string): RuleId {
  return `${CUSTOM_PREFIX}${id}`;
}

export function isCustomRuleId(id: string): boolean {
  return id.startsWith(CUSTOM_PREFIX);
}

/** A rule's title and message, for built-in and custom rules alike. */
export function ruleText(id: RuleId, customRules: readonly CustomRuleSpec[] = []): { title: string; message: string; help: string } {
  if (!isCustomRuleId(id)) return RULES[id];
  const spec = customRules.find((r) => customRuleId(r.id) === id);
  const message = spec?.message ?? 'Matches a custom rule of .speech-api-scan.json.';
  return { title: `Custom rule ${id.slice(CUSTOM_PREFIX.length)}`, message, help: `${message} (a custom rule from .speech-api-scan.json)` };
}

function checked(source: string, what: string): string {
  const problem = regexProblem(source);
  if (problem) throw new RegexRejected(`The regex of ${what} is refused: it ${problem}.`);
  return source;
}

/** Overlapping windows of one long line can find the same match twice. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings
    .filter((f) => {
      const k = `${f.ruleId}:${f.start}:${f.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.start - b.start);
}
