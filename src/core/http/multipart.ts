// multipart/form-data bodies streamed from disk, with byte-level progress, so a 500 MB upload
// never sits in memory and the UI can show how far it got.
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { nodeCrypto, nodeStream } from '../lazyNode';

export interface MultipartFile {
  field: string;
  filename: string;
  contentType: string;
  /** A path on disk, or bytes already in memory. */
  source: { path: string; size: number; start?: number; end?: number } | { bytes: Uint8Array };
}

export interface MultipartBody {
  body: Readable;
  headers: Record<string, string>;
  length: number;
}

function escapeQuoted(s: string): string {
  return s.replace(/[\r\n"]/g, (c) => (c === '"' ? '%22' : ' '));
}

export function buildMultipart(
  fields: Record<string, string | number | boolean | undefined>,
  file: MultipartFile | undefined,
  onProgress?: (sentBytes: number, totalBytes: number) => void,
): MultipartBody {
  const boundary = `----speechApi${nodeCrypto().randomBytes(12).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(name)}"\r\n\r\n${value}\r\n`));
  }
  const head = Buffer.concat(parts);
  let fileHead = Buffer.alloc(0);
  let fileSize = 0;
  if (file) {
    fileHead = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(file.field)}"; filename="${escapeQuoted(file.filename)}"\r\n` +
        `Content-Type: ${file.contentType}\r\n\r\n`,
    );
    const src = file.source;
    fileSize = 'bytes' in src ? src.bytes.length : (src.end ?? src.size - 1) - (src.start ?? 0) + 1;
  }
  const tail = Buffer.from(`${file ? '\r\n' : ''}--${boundary}--\r\n`);
  const length = head.length + fileHead.length + fileSize + tail.length;

  async function* generate(): AsyncGenerator<Buffer> {
    let sent = 0;
    const push = (b: Buffer) => {
      sent += b.length;
      onProgress?.(sent, length);
      return b;
    };
    yield push(head);
    if (file) {
      yield push(fileHead);
      const src = file.source;
      if ('bytes' in src) {
        yield push(Buffer.from(src.bytes));
      } else {
        for await (const chunk of fs.createReadStream(src.path, { start: src.start, end: src.end, highWaterMark: 256 * 1024 })) {
          yield push(chunk as Buffer);
        }
      }
    }
    yield push(tail);
  }

  return {
    body: nodeStream().Readable.from(generate(), { objectMode: false }),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': String(length) },
    length,
  };
}
