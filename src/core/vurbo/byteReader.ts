// Random access to a file's bytes for the header readers (WAV format, audio duration probes).
import type { FileHandle } from 'node:fs/promises';

/** Up to `length` bytes from `position`; shorter at the end of the data, empty past it. */
export type ByteReader = (position: number, length: number) => Promise<Buffer>;

/** A ByteReader over an open file of `size` bytes (the caller closes the handle). */
export function fileByteReader(handle: FileHandle, size: number): ByteReader {
  return async (position, length) => {
    const buf = Buffer.alloc(Math.max(0, Math.min(length, size - position)));
    if (buf.length === 0) return buf;
    const { bytesRead } = await handle.read(buf, 0, buf.length, position);
    return buf.subarray(0, bytesRead);
  };
}
