// Rejects regular expressions that can backtrack catastrophically before a custom rule ever runs them:
// an unbounded quantifier inside a quantified group (`(a+)+`, `(?:\w*x)*`), a quantified alternation
// whose branches can start alike (`(a|a)*`, `(a|ab)+`, `(\w|_)+`), and backreferences. The check is
// conservative: it may refuse a harmless pattern, and then says how to rewrite it (a character class).
// Polynomial cases (`.*.*`) are limited by a cost bound: the product of how many ways each quantifier
// can vary (an unbounded one counts as a whole MAX_WINDOW-character window) must stay under MAX_COST,
// so at most one unbounded quantifier, plus a few short bounded ones. Matching is bounded too (contentRules.ts).

const MAX_SOURCE = 1000;
/** contentRules.ts never shows a regex more characters than this at once. */
export const MAX_WINDOW = 1024;
const MAX_COST = 16 * MAX_WINDOW;

interface Frame {
  /** The group holds a quantifier that can repeat more than once. */
  repeats: boolean;
  /** First atom of each alternative branch, as written ('' until seen). */
  firsts: string[];
}

/** Why `source` is unsafe, or undefined when it is accepted. */
export function regexProblem(source: string): string | undefined {
  if (source.length > MAX_SOURCE) return `longer than ${MAX_SOURCE} characters`;
  try {
    new RegExp(source);
  } catch (err) {
    return `not a valid regular expression (${err instanceof Error ? err.message : String(err)})`;
  }
  const stack: Frame[] = [{ repeats: false, firsts: [''] }];
  let lastAtom = '';
  let cost = 1;
  const tooCostly = () => cost > MAX_COST;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1];
    const atomStart = i;
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return 'uses a backreference';
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ repeats: false, firsts: [''] });
      if (source[i + 1] === '?') i += source[i + 2] === '<' && /[=!]/.test(source[i + 3] ?? '') ? 3 : source[i + 2] === '<' ? source.indexOf('>', i) - i : 2;
      continue;
    } else if (c === '|') {
      top.firsts.push('');
      continue;
    } else if (c === ')') {
      const group = stack.pop()!;
      const q = quantifierAt(source, i + 1);
      const parent = stack[stack.length - 1];
      if (q.repeats) {
        if (group.repeats) return `nests a repeated quantifier inside the repeated group ending at character ${i + 1} (like (a+)+)`;
        if (overlapping(group.firsts))
          return `repeats an alternation whose branches can match alike, ending at character ${i + 1} (like (a|a)*): use a character class`;
      }
      parent.repeats ||= group.repeats || q.repeats;
      cost *= q.spread;
      if (tooCostly()) return COSTLY;
      if (!parent.firsts[parent.firsts.length - 1]) parent.firsts[parent.firsts.length - 1] = group.firsts.join('|') || '(';
      i += q.length;
      continue;
    } else if ('*+?{'.includes(c)) {
      continue; // a quantifier after an atom, handled with the atom
    }
    lastAtom = source.slice(atomStart, i + 1);
    if (!top.firsts[top.firsts.length - 1]) top.firsts[top.firsts.length - 1] = lastAtom;
    const q = quantifierAt(source, i + 1);
    if (q.repeats) top.repeats = true;
    cost *= q.spread;
    if (tooCostly()) return COSTLY;
    i += q.length;
  }
  if (stack.length !== 1) return 'has unbalanced parentheses';
  return undefined;
}

const COSTLY = `has more variable-length quantifiers in a row than can be matched in bounded time: bound them (e.g. {1,64} instead of +) or use at most one unbounded one`;

/**
 * The quantifier starting at `i` (if any): its length, whether it can repeat more than once, and its
 * spread (how many repetition counts it can try; an unbounded one counts as a whole window).
 */
function quantifierAt(source: string, i: number): { length: number; repeats: boolean; spread: number } {
  const c = source[i];
  let length = 0;
  let repeats = false;
  let spread = 1;
  if (c === '*' || c === '+') [length, repeats, spread] = [1, true, MAX_WINDOW];
  else if (c === '?') [length, spread] = [1, 2];
  else if (c === '{') {
    const m = /^\{(\d*)(,(\d*))?\}/.exec(source.slice(i));
    if (m) {
      const min = Number(m[1] || 0);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      [length, repeats, spread] = [m[0].length, max > 1, max === Infinity ? MAX_WINDOW : Math.max(1, max - min + 1)];
    }
  }
  if (length && source[i + length] === '?') length++; // lazy
  return { length, repeats, spread };
}

/** Can two branches start with the same character? Unknown starts (classes, groups, escapes) are assumed to. */
function overlapping(firsts: readonly string[]): boolean {
  if (firsts.length < 2) return false;
  const seen = new Set<string>();
  for (const f of firsts) {
    if (!f || f.length > 1 || f === '.') return true; // a class, an escape, a group or an empty branch
    if (seen.has(f)) return true;
    seen.add(f);
  }
  return false;
}
