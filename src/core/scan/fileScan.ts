// Scans one file's bytes: skips binaries and huge files, decodes UTF-8 / UTF-16 (BOM) / legacy 8-bit
// text, and only decodes at all when a cheap byte search finds something a rule could match.
import fs from 'node:fs';
import path from 'node:path';
import type { Finding } from './rules';
import { KEY_SPELLINGS, scanText, type ScanOptions } from './scanner';

export type SkipReason = 'binary' | 'too-large' | 'unreadable';

export interface BytesScanResult {
  readonly findings: Finding[];
  /** The decoded text, only when there are findings (for excerpts and fixes). */
  readonly text?: string;
  readonly skipped?: SkipReason;
}

export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Extensions that are never text: skipped without reading. */
const BINARY_EXTENSIONS = new Set(
  ('png jpg jpeg gif bmp ico webp tif tiff psd pdf zip gz tgz bz2 xz 7z rar jar war class so dll dylib exe bin o a lib ' +
    'woff woff2 ttf otf eot mp3 mp4 m4a aac wav flac ogg opus webm mov avi mkv sqlite sqlite3 db pyc wasm node iso dmg').split(' '),
);

/** git's heuristic: a NUL byte in the first 8000 bytes means binary. */
const BINARY_PROBE = 8000;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export function isBinaryPath(file: string): boolean {
  return BINARY_EXTENSIONS.has(path.extname(file).slice(1).toLowerCase());
}

export function scanFile(file: string, options: ScanOptions & { maxBytes?: number } = {}): BytesScanResult {
  if (isBinaryPath(file)) return { findings: [], skipped: 'binary' };
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = fs.fstatSync(fd).size;
    if (size > (options.maxBytes ?? DEFAULT_MAX_FILE_BYTES)) return { findings: [], skipped: 'too-large' };
    const bytes = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, bytes, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return scanBytes(read === size ? bytes : bytes.subarray(0, read), options);
  } catch {
    return { findings: [], skipped: 'unreadable' };
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function scanBytes(bytes: Buffer, options: ScanOptions = {}): BytesScanResult {
  const utf16 = utf16Encoding(bytes);
  if (!utf16 && bytes.subarray(0, BINARY_PROBE).includes(0)) return { findings: [], skipped: 'binary' };
  if (!utf16 && !mayContainKey(bytes, options)) return { findings: [] };
  const text = decode(bytes, utf16);
  const findings = scanText(text, options);
  return findings.length ? { findings, text } : { findings };
}

/** The byte-level twin of the scanner's triggers: `vas_`, or `api` + `_`/`-` + one of KEY_SPELLINGS. */
function mayContainKey(bytes: Buffer, options: ScanOptions): boolean {
  if (bytes.includes('vas_')) return true;
  for (const spelling of KEY_SPELLINGS) {
    // `key` alone is common; its few occurrences are checked for the `api_`/`api-` before them.
    for (let at = bytes.indexOf(spelling, 4); at >= 0; at = bytes.indexOf(spelling, at + 1)) {
      const sep = bytes[at - 1];
      if ((sep === 0x5f || sep === 0x2d) && (bytes[at - 4] | 0x20) === 0x61 && (bytes[at - 3] | 0x20) === 0x70 && (bytes[at - 2] | 0x20) === 0x69) return true;
    }
  }
  return options.storedKeys?.occursIn(bytes) ?? false;
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
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return UTF8.decode(body);
  } catch {
    return body.toString('latin1');
  }
}
