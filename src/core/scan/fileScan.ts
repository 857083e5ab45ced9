// Scans one file's bytes: skips binaries and huge files, decodes UTF-8 / UTF-16 (BOM) / legacy 8-bit
// text, and only decodes at all when a cheap byte search finds something a rule could match.
import { isAscii, isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import type { ContentRules } from './contentRules';
import { excerptsFor } from './excerpts';
import { ENCODED_NEEDLES } from './encoded';
import { keyDigest } from './fingerprint';
import { keyOf } from './keyOf';
import type { Finding } from './rules';
import { CONTEXT_CHARS } from './literals';
import { ALLOW_MARKER } from './allow';
import { CONTEXT_LINES, scanText, type ScanOptions } from './scanner';
import { countNewlines, findEncodedStarts, findTriggers, hasZeroByte, inTriggerBuffer, triggerBuffer, utf16Length } from './triggerKernel';

export type SkipReason = 'binary' | 'too-large' | 'unreadable';

export interface BytesScanResult {
  readonly findings: Finding[];
  /** One masked excerpt per finding (see excerpts.ts). */
  readonly excerpts?: string[];
  /** One SHA-256 of the key per finding (fingerprint.ts): in memory only, never printed. */
  readonly keyDigests?: string[];
  readonly skipped?: SkipReason;
  /** Custom rules stopped before the end of the file: their time budget ran out. */
  readonly customBudgetExceeded?: boolean;
}

export interface FileScanOptions extends ScanOptions {
  readonly maxBytes?: number;
  /** The config file's allowlist and custom rules. */
  readonly content?: ContentRules;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Larger files are not searched for encoded triggers (a key is encoded in manifests and env files, not dumps). */
const MAX_ENCODED_SEARCH_BYTES = 2 * 1024 * 1024;
/**
 * Smaller files are decoded whole; larger ones only around their triggers. A region is about 23 lines,
 * so any file a few times larger gains: a planted key in a 10 KB source file no longer costs a full
 * decode and a case-insensitive trigger search over all of it.
 */
const REGION_MIN_BYTES = 4 * 1024;

/** Extensions that are never text: skipped without reading. */
const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd pdf zip gz tgz bz2 xz 7z rar jar war class so dll dylib exe bin o a lib ' +
    'woff woff2 ttf otf eot mp3 mp4 m4a aac wav flac ogg opus webm mov avi mkv sqlite sqlite3 db pyc wasm node iso dmg'
  ).split(' '),
);

/** git's heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_PROBE = 8000;

/**
 * Where keys are written hex- or base64-encoded in practice (Kubernetes manifests, .env files, logs,
 * HAR captures, notebooks, Terraform, configs; files without an extension): only these files' bytes are
 * searched for the encoded forms of triggers, which costs a dozen more byte searches per file. Source
 * code, bundles and source maps (full of base64 that is no key) are not.
 */
const ENCODED_EXTENSIONS = new Set(
  'yaml yml json jsonc json5 env txt log har ipynb tf tfvars tfstate toml ini cfg conf properties xml plist sql csv secret secrets'.split(' '),
);

const BACKSLASH_SEPARATES = path.sep === '\\';

/**
 * A file's name in lower case and its extension without the dot (as path.extname: none for `.env`),
 * once per file and by hand: path.basename + path.extname, cold in a fresh CLI, cost 5 ms per 1,700 files.
 */
function nameOf(file: string): { base: string; ext: string } {
  const cut = Math.max(file.lastIndexOf('/'), BACKSLASH_SEPARATES ? file.lastIndexOf('\\') : -1);
  const base = file.slice(cut + 1).toLowerCase();
  const dot = base.lastIndexOf('.');
  return { base, ext: dot > 0 ? base.slice(dot + 1) : '' };
}

function mayHoldEncodedKeys({ base, ext }: { base: string; ext: string }): boolean {
  return ext === '' || ENCODED_EXTENSIONS.has(ext) || base.startsWith('.env');
}

export function isBinaryPath(file: string): boolean {
  return BINARY_EXTENSIONS.has(nameOf(file).ext);
}

export function scanFile(file: string, options: FileScanOptions = {}): BytesScanResult {
  const read = planFile(file, options);
  return typeof read === 'function' ? read() : read;
}

/** What a file needs, from the cheap checks alone: nothing (no trigger), to be skipped, or a full scan. */
export type Triage = 'clean' | SkipReason | 'scan';

/** The cheap half of scanFile(): the read and the byte prefilter, without running a rule. */
export function triageFile(file: string, options: FileScanOptions = {}): Triage {
  const read = planFile(file, options);
  return typeof read === 'function' ? 'scan' : (read.skipped ?? 'clean');
}

/** A final result, or the rest of the scan to run (while the bytes are still in the read buffer). */
type Plan = BytesScanResult | (() => BytesScanResult);

function planFile(file: string, options: FileScanOptions): Plan {
  const name = nameOf(file);
  if (BINARY_EXTENSIONS.has(name.ext)) return { findings: [], skipped: 'binary' };
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const bytes = readWhole(fd, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
    if (bytes === undefined) return { findings: [], skipped: 'too-large' };
    return planBytes(bytes, options, mayHoldEncodedKeys(name));
  } catch {
    return { findings: [], skipped: 'unreadable' };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Reads an open file into the trigger kernel's memory (one buffer for every file, searched in place:
 * fresh allocations for 100 MB of files cost page faults, and a copy costs a pass). Undefined when
 * the file holds more than `maxBytes`. A file that fits needs no fstat: a short read of a regular
 * file is its end. Safe to reuse because a scan keeps only the decoded text, never the bytes.
 */
function readWhole(fd: number, maxBytes: number): Buffer | undefined {
  let buffer = triggerBuffer();
  let read = fs.readSync(fd, buffer, 0, buffer.length, 0);
  if (read < buffer.length) return read > maxBytes ? undefined : buffer.subarray(0, read);
  const size = fs.fstatSync(fd).size;
  if (size > maxBytes) return undefined;
  buffer = triggerBuffer(size);
  while (read < size) {
    const n = fs.readSync(fd, buffer, read, size - read, read);
    if (n === 0) break;
    read += n;
  }
  return buffer.subarray(0, read);
}

/** `encodedTriggers`: also look for the hex and base64 forms of triggers (see mayHoldEncodedKeys). */
export function scanBytes(bytes: Buffer, options: FileScanOptions = {}, encodedTriggers = true): BytesScanResult {
  const plan = planBytes(bytes, options, encodedTriggers);
  return typeof plan === 'function' ? plan() : plan;
}

function planBytes(bytes: Buffer, options: FileScanOptions, encodedTriggers: boolean): Plan {
  const utf16 = utf16Encoding(bytes);
  if (utf16) return () => scanDecoded(decode(bytes, utf16), options);
  if (hasZeroByte(bytes, 0, Math.min(bytes.length, BINARY_PROBE))) return { findings: [], skipped: 'binary' };
  bytes = inTriggerBuffer(bytes); // a no-op for a file read by scanFile; the kernel's searches read it there
  // Custom rules have no byte prefilter: with any, every text file is decoded and read line by line.
  if (options.content?.hasCustomRules) return () => scanDecoded(decode(bytes), options);
  const scanOptions = encodedTriggers ? options : withoutEncodedRuns(options);
  const triggers = triggerOffsets(bytes, scanOptions, encodedTriggers && bytes.length <= MAX_ENCODED_SEARCH_BYTES);
  if (!triggers.length) return { findings: [] };
  if (bytes.length < REGION_MIN_BYTES) return () => scanDecoded(decode(bytes), scanOptions);
  return () => scanRegions(bytes, triggers, scanOptions);
}

const noEncodedRuns = new WeakMap<FileScanOptions, FileScanOptions>();

/** `options` without the encoded-run search, made once per options object (a scan passes the same one for every file). */
function withoutEncodedRuns(options: FileScanOptions): FileScanOptions {
  let variant = noEncodedRuns.get(options);
  if (!variant) noEncodedRuns.set(options, (variant = { ...options, encodedRuns: false }));
  return variant;
}

function scanDecoded(text: string, options: FileScanOptions): BytesScanResult {
  let findings = scanText(text, options);
  let customBudgetExceeded = false;
  if (options.content?.hasCustomRules) {
    const custom = options.content.find(text);
    customBudgetExceeded = custom.budgetExceeded;
    if (custom.findings.length) findings = [...findings, ...custom.findings].sort((a, b) => a.start - b.start);
  }
  findings = allowedOut(text, findings, 0, options.content);
  const result = findings.length ? withEvidence(text, findings) : { findings };
  return customBudgetExceeded ? { ...result, customBudgetExceeded } : result;
}

/** Drops findings whose key the allowlist names. */
function allowedOut(text: string, findings: Finding[], base: number, content: ContentRules | undefined): Finding[] {
  if (!findings.length || !content || content.isEmpty) return findings;
  return findings.filter((f) => !content.isAllowed(keyOf(text, f, base)));
}

/** Masked excerpts and key digests: only ever computed for findings, so clean files pay nothing. */
function withEvidence(text: string, findings: Finding[], base = 0): BytesScanResult {
  return { findings, excerpts: excerptsFor(text, findings, base), keyDigests: findings.map((f) => keyDigest(keyOf(text, f, base))) };
}

/**
 * Byte offsets of everything a rule could start from: `vas_`; one of KEY_SPELLINGS after `api`,
 * `api_`/`api-`/`api.`, `valossa` or `valossa_`/`-`/`.` (the byte-level twin of the scanner's triggers);
 * the hex and base64 forms of triggers (encoded.ts); and stored keys. Sorted.
 */
export function triggerOffsets(bytes: Buffer, options: ScanOptions = {}, encoded = true): number[] {
  bytes = inTriggerBuffer(bytes); // both kernel passes read it where it is
  const { vas: out, keyNames } = findTriggers(bytes);
  const byName: number[] = [];
  for (const at of keyNames) {
    const name = keyNameStart(bytes, at);
    if (name.start >= 0) (name.apiSeparated ? out : byName).push(name.start);
  }
  // apiKey, api.key, valossaKey… count only for the Valossa-name rule, which needs Valossa named near them.
  if (byName.length) out.push(...mentionedNear(bytes, byName));
  if (encoded) out.push(...encodedNeedleOffsets(bytes));
  if (options.storedKeys?.size) out.push(...options.storedKeys.offsetsIn(bytes));
  return out.sort((a, b) => a - b);
}

const API = Buffer.from('api');
const VALOSSA = Buffer.from('valossa');
/** The encoded needles by their first two bytes, in ENCODED_NEEDLES' order (a regex's alternation order). */
const NEEDLES_BY_PAIR = new Map<number, Buffer[]>();
for (const needle of ENCODED_NEEDLES.map((n) => Buffer.from(n))) {
  const pair = (needle[0] << 8) | needle[1];
  NEEDLES_BY_PAIR.set(pair, [...(NEEDLES_BY_PAIR.get(pair) ?? []), needle]);
}

/**
 * Where an encoded needle starts: the kernel finds its first two bytes, each place is checked whole
 * against the one or two needles starting with them (a native compare against every needle showed as
 * ≈ 6 ms in a profile of the 120 MB benchmark scan).
 */
function encodedNeedleOffsets(bytes: Buffer): number[] {
  const out: number[] = [];
  let after = 0; // needles do not overlap: one match per place, as a global regex finds them
  for (const at of findEncodedStarts(bytes)) {
    if (at < after) continue;
    const needle = NEEDLES_BY_PAIR.get((bytes[at] << 8) | bytes[at + 1])?.find((n) => continuesAt(bytes, at, n));
    if (!needle) continue;
    out.push(at);
    after = at + needle.length;
  }
  return out;
}

/** Whether `needle`, whose first two bytes are known to be at `at`, is there whole. */
function continuesAt(bytes: Buffer, at: number, needle: Buffer): boolean {
  if (at + needle.length > bytes.length) return false;
  for (let i = 2; i < needle.length; i++) if (bytes[at + i] !== needle[i]) return false;
  return true;
}

/**
 * Where the key name ending in `key` at `at` starts (-1: none the scanner reads), and whether it is
 * `api_key`/`api-key`, which the other rules read without a Valossa mention.
 */
function keyNameStart(bytes: Buffer, at: number): { start: number; apiSeparated: boolean } {
  const sep = bytes[at - 1];
  const separated = sep === 0x5f || sep === 0x2d || sep === 0x2e;
  const end = separated ? at - 1 : at;
  if (endsWithCi(bytes, end, API)) return { start: end - 3, apiSeparated: separated && sep !== 0x2e };
  if (endsWithCi(bytes, end, VALOSSA)) return { start: end - 7, apiSeparated: false };
  return { start: -1, apiSeparated: false };
}

/**
 * How far from a key name its Valossa mention can be: the scanner looks CONTEXT_CHARS UTF-16 units
 * either side (contextAround), and a unit is at most 3 bytes of UTF-8.
 */
const MENTION_REACH = 3 * CONTEXT_CHARS;

/** The key names with a Valossa mention within reach: a few windows, or the whole file once if they would cover it. */
function mentionedNear(bytes: Buffer, starts: number[]): number[] {
  if (starts.length * 2 * MENTION_REACH >= bytes.length) return mentionsValossa(bytes) ? starts : [];
  return starts.filter((at) => mentionsValossa(bytes.subarray(Math.max(0, at - MENTION_REACH), at + MENTION_REACH)));
}

/** The byte-level twin of valossaNames.ts's NAME_CONTEXT (its usual spellings). */
function mentionsValossa(bytes: Buffer): boolean {
  return VALOSSA_SPELLINGS.some((w) => bytes.includes(w)) || mentionsCorePath(bytes);
}

const VALOSSA_SPELLINGS = ['valossa', 'Valossa', 'VALOSSA'].map((s) => Buffer.from(s));
const CORE_DIR = Buffer.from('/core/');
const CORE_VERSION = Buffer.from('1.0/');

/** `/core/1.0/`, found by its rarer tail: a search for `/…` stops at every slash of a bundle (4× slower). */
function mentionsCorePath(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(CORE_VERSION, CORE_DIR.length); at >= 0; at = bytes.indexOf(CORE_VERSION, at + 1)) {
    if (bytes.compare(CORE_DIR, 0, CORE_DIR.length, at - CORE_DIR.length, at) === 0) return true;
  }
  return false;
}

function endsWithCi(bytes: Buffer, end: number, word: Buffer): boolean {
  if (end < word.length) return false;
  for (let i = 0; i < word.length; i++) if ((bytes[end - word.length + i] | 0x20) !== word[i]) return false;
  return true;
}

/**
 * A file of REGION_MIN_BYTES or more is scanned in regions: the lines around each trigger (CONTEXT_LINES + 1
 * either side, everything a rule can look at), so a 10 MB file with one key costs a few lines of decoding.
 * A region starts at a line start, and a `\n` byte is a line end in every 8-bit encoding decode() reads,
 * so each region decodes on its own; its offset in the decoded file is counted in UTF-16 units.
 */
function scanRegions(bytes: Buffer, triggers: number[], options: FileScanOptions): BytesScanResult {
  const ascii = isAscii(bytes);
  const encoding = ascii ? { start: 0, utf8: false } : eightBitEncoding(bytes); // ASCII reads the same as latin1
  // Encoded runs can be as long as the line, and an allow comment anywhere on it counts: only without
  // either is a long line cut to windows. (Asked only when a region is long: the search reads the whole file.)
  let cuttable: boolean | undefined;
  const mayCut = () => (cuttable ??= options.encodedRuns === false && !bytes.includes(ALLOW_MARKER_BYTES));
  const findings: Finding[] = [];
  const excerpts: string[] = [];
  const keyDigests: string[] = [];
  let line = 0;
  let counted = 0;
  let units = 0;
  /** UTF-16 units of bytes[from, to) as decode() reads them. */
  const unitsIn = (from: number, to: number) => (!ascii && encoding.utf8 ? utf16Length(bytes, from, to) : to - from);
  for (const [regionStart, end] of regionsAround(bytes, triggers, mayCut)) {
    const start = Math.max(regionStart, encoding.start); // a region at the top starts after the BOM
    line += countNewlines(bytes, counted, start);
    units += unitsIn(Math.max(counted, encoding.start), start);
    counted = start;
    const lineStart = Math.max(lineStartAt(bytes, start), encoding.start);
    const origin = { line, offset: units, column: lineStart < start ? unitsIn(lineStart, start) : 0 };
    const text = bytes.toString(encoding.utf8 ? 'utf8' : 'latin1', start, end);
    const found = allowedOut(text, scanText(text, options, 0, text.length, origin), origin.offset, options.content);
    if (!found.length) continue;
    const evidence = withEvidence(text, found, origin.offset);
    findings.push(...found);
    excerpts.push(...evidence.excerpts!);
    keyDigests.push(...evidence.keyDigests!);
  }
  return findings.length ? { findings, excerpts, keyDigests } : { findings };
}

const ALLOW_MARKER_BYTES = Buffer.from(ALLOW_MARKER);

/**
 * A region longer than twice this (a minified bundle's line) is cut to WINDOW_BYTES either side of
 * each trigger when allowed. Every rule reads at most CONTEXT_CHARS characters either side of a
 * trigger (at most 3 bytes each in UTF-8), a URL 2 KB back and a literal 256 characters on.
 */
const WINDOW_BYTES = 4 * CONTEXT_CHARS;

/** Byte ranges of whole lines around the triggers (or windows of long lines), overlapping ones merged. */
function regionsAround(bytes: Buffer, triggers: number[], mayCut: () => boolean): [number, number][] {
  const margin = CONTEXT_LINES + 1;
  const regions: [number, number][] = [];
  for (const t of triggers) {
    let start = lineStartAt(bytes, t);
    for (let n = 0; n < margin && start > 0; n++) start = lineStartAt(bytes, start - 1);
    let end = t;
    for (let n = 0; n <= margin && end < bytes.length; n++) {
      const nl = bytes.indexOf(0x0a, end);
      end = nl < 0 ? bytes.length : nl + 1;
    }
    if (end - start > 2 * WINDOW_BYTES && mayCut()) {
      start = characterStart(bytes, Math.max(start, t - WINDOW_BYTES));
      end = characterStart(bytes, Math.min(end, t + WINDOW_BYTES));
    }
    const last = regions[regions.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else regions.push([start, end]);
  }
  return regions;
}

/** Where the line holding byte `at` starts. (Buffer#lastIndexOf counts a negative offset from the end: at 0 it would find the file's last line.) */
function lineStartAt(bytes: Buffer, at: number): number {
  return at <= 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
}

/** `at`, or the start of the UTF-8 sequence it is inside (10xxxxxx bytes continue one). */
function characterStart(bytes: Buffer, at: number): number {
  while (at > 0 && at < bytes.length && (bytes[at] & 0xc0) === 0x80) at--;
  return at;
}

function utf16Encoding(bytes: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return undefined;
}

/**
 * UTF-8 (BOM dropped, as editors do), UTF-16 with a BOM, else a legacy 8-bit encoding read as latin1:
 * keys are ASCII, so they are found at the same columns an editor shows.
 */
export function decode(bytes: Buffer, utf16 = utf16Encoding(bytes)): string {
  if (utf16) return new TextDecoder(utf16).decode(bytes.subarray(2));
  const { start, utf8 } = eightBitEncoding(bytes);
  return bytes.toString(utf8 ? 'utf8' : 'latin1', start);
}

/** How decode() reads bytes without a UTF-16 BOM: where the text starts (after a UTF-8 BOM), and whether it is valid UTF-8. */
function eightBitEncoding(bytes: Buffer): { start: number; utf8: boolean } {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { start, utf8: isUtf8(bytes.subarray(start)) };
}
