// The key a finding holds: its text, or for an encoded key the decoded part the finding points at.
// Used for digests, the allowlist and --verify, so an encoded key is the same key as its plain form.
import { decodeChain } from './encoded';
import type { Finding } from './rules';

/** `base`: the offset in the document of `text`'s first character (region scans). */
export function keyOf(text: string, finding: Pick<Finding, 'start' | 'end' | 'encoded'>, base = 0): string {
  const raw = text.slice(finding.start - base, finding.end - base);
  if (!finding.encoded) return raw;
  const decoded = decodeChain(raw, finding.encoded.via);
  return decoded === undefined ? raw : decoded.slice(finding.encoded.keyStart, finding.encoded.keyEnd);
}
