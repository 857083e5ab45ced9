// Masked excerpts of the lines findings are on, for reports: every key on the line is masked by the
// one redactor (core/redact.ts), and a cut never splits a key in half.
import { Redactor } from '../redact';
import type { Finding } from './rules';

const EXCERPT_SIDE = 60;

/**
 * One excerpt per finding: up to EXCERPT_SIDE characters either side on its line, widened so no other
 * finding is cut, every key masked. `base` is the offset of `text[0]` in the file the findings point into.
 */
export function excerptsFor(text: string, findings: readonly Finding[], base = 0): string[] {
  const redactor = new Redactor();
  for (const f of findings) redactor.addSecret(text.slice(f.start - base, f.end - base));
  return findings.map((f) => {
    const start = f.start - base;
    const end = f.end - base;
    const lineStart = start - (f.column - 1);
    let from = Math.max(lineStart, start - EXCERPT_SIDE);
    let to = Math.min(text.length, end + EXCERPT_SIDE);
    const nl = text.slice(end, to).search(/\r?\n/);
    const cutAtEnd = nl < 0 && to < text.length && text[to] !== '\n' && text[to] !== '\r';
    if (nl >= 0) to = end + nl;
    for (const other of findings) {
      const [os, oe] = [other.start - base, other.end - base];
      if (os < from && oe > from) from = os;
      if (os < to && oe > to) to = oe;
    }
    const cut = redactor.redact(text.slice(from, to)).trim();
    return (from > lineStart ? '…' : '') + cut + (cutAtEnd ? '…' : '');
  });
}
