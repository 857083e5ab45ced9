// Content fingerprints: a finding's id is its rule, its path and a salted hash of the key — no line
// number and no commit, so edits elsewhere in the file never change it, while the same key in two files
// gives two ids. The key itself never leaves memory: files are scanned into a SHA-256 digest (kept in
// memory only), and the printed id is HMAC-SHA256(salt, rule + digest) cut to 80 bits, so a baseline in
// a public repository reveals nothing a brute force could confirm without the salt — and even with the
// default salt, 80 bits leave far more candidate keys than a key's own 190 bits of randomness can be
// narrowed down to.
import { nodeCrypto } from '../lazyNode';

/** Used when `.speech-api-scan.json` sets no `salt`. Changing it changes every fingerprint. */
export const DEFAULT_SALT = 'speech-api-scan/fingerprint/v1';

/** Hex characters of the HMAC kept in a fingerprint (80 bits). */
const HASH_HEX = 20;

/** SHA-256 of a key, for in-memory comparisons only: never printed or written anywhere. */
export function keyDigest(key: string): string {
  return nodeCrypto().hash('sha256', key, 'hex'); // one call, no Hash object: a scan takes one per finding
}

export interface Fingerprintable {
  readonly ruleId: string;
  /** '/'-separated path relative to the repository root (or the config file's directory). */
  readonly path: string;
  readonly keyDigest: string;
}

/** `<rule>:<path>:<20 hex>`; stable across versions of this tool as long as the salt is unchanged. */
export function fingerprint(finding: Fingerprintable, salt = DEFAULT_SALT): string {
  const hash = nodeCrypto().createHmac('sha256', salt).update(`${finding.ruleId}\0${finding.keyDigest}`).digest('hex').slice(0, HASH_HEX);
  return `${finding.ruleId}:${finding.path}:${hash}`;
}
