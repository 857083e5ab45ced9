// Runs triggerKernel.wat: the byte search for `vas_` and key names that every scanned file goes
// through, git's binary test (a zero byte), and the line and UTF-16 counts that let a large file be
// scanned only around its triggers. Files are read straight into the kernel's memory (triggerBuffer), so
// the search copies nothing; bytes from elsewhere (staged blobs, git history) are copied in first,
// which costs ≈ 1/20 of a search.
import { TRIGGER_KERNEL_WASM } from './triggerKernelWasm';

/** Output slots: offsets come back in batches of at most this many. */
const OUT_SLOTS = 16384;
/** A block writes at most 16 offsets, so a call stops while that many slots are left. */
const BLOCK_LANES = 16;
/** The data area starts after the output slots. */
const DATA = OUT_SLOTS * 4;
/** Zeroed bytes after the data: the kernel's vector loads read past the last block. */
const PAD = 48;
const PAGE = 65536;
const KEY_FLAG = 0x80000000;
/** Most files fit in the first read: only larger ones pay an fstat and a grow. */
const INITIAL_CAPACITY = 1024 * 1024;

interface KernelExports {
  readonly memory: WebAssembly.Memory;
  readonly next: WebAssembly.Global;
  scan(base: number, from: number, end: number, out: number, outEnd: number): number;
  scanEncoded(from: number, end: number, out: number, outEnd: number): number;
  countNewlines(from: number, end: number): number;
  hasZero(from: number, end: number): number;
  utf16Length(from: number, end: number): number;
}

export interface Triggers {
  /** Offsets of `vas_`. */
  readonly vas: number[];
  /** Offsets of a `key`/`Key`/`KEY` that ends `api…` or `valossa…` (see triggerKernel.wat). */
  readonly keyNames: number[];
}

class TriggerKernel {
  private readonly exports: KernelExports;
  private bytes: Uint8Array;
  private slots: Uint32Array;
  private view?: Buffer;

  constructor() {
    const module = new WebAssembly.Module(Buffer.from(TRIGGER_KERNEL_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    this.bytes = new Uint8Array(this.exports.memory.buffer);
    this.slots = new Uint32Array(this.exports.memory.buffer, 0, OUT_SLOTS);
    this.data(INITIAL_CAPACITY);
  }

  /** How many bytes the data area holds without growing. */
  get capacity(): number {
    return this.bytes.length - DATA - PAD;
  }

  /**
   * The data area as a Buffer of at least `size` bytes, keeping what it holds. Growing the memory
   * detaches every view handed out before, so a caller keeps only the latest one.
   */
  data(size = this.capacity): Buffer {
    if (size > this.capacity || !this.view) {
      const memory = this.exports.memory;
      // Doubling keeps the number of grows (and of detached views) logarithmic.
      const wanted = Math.max(DATA + size + PAD, memory.buffer.byteLength * 2);
      if (size > this.capacity) memory.grow(Math.ceil((wanted - memory.buffer.byteLength) / PAGE));
      this.bytes = new Uint8Array(memory.buffer);
      this.slots = new Uint32Array(memory.buffer, 0, OUT_SLOTS);
      this.view = Buffer.from(memory.buffer, DATA, this.capacity);
    }
    return this.view; // one view per memory size, not one per file read
  }

  /** Copies `input` into the data area unless it is there already (a file read into data(), or placed before). */
  private place(input: Uint8Array): void {
    if (this.holds(input)) return;
    this.data(input.length);
    this.bytes.set(input, DATA);
  }

  /** Whether `input` is in the data area already (read there, or placed before). */
  private holds(input: Uint8Array): boolean {
    return input.buffer === this.bytes.buffer && input.byteOffset === DATA;
  }

  /** `input` as a view of the data area: copied in at most once, however many searches follow. */
  placed(input: Uint8Array): Buffer {
    if (Buffer.isBuffer(input) && this.holds(input)) return input; // a file read into data(): no new view per search
    this.place(input);
    return Buffer.from(this.bytes.buffer, DATA, input.length);
  }

  find(input: Uint8Array): Triggers {
    const found: Triggers = { vas: [], keyNames: [] };
    this.collect(
      input,
      (from, end, outEnd) => this.exports.scan(DATA, from, end, 0, outEnd),
      (slot) => {
        if (slot & KEY_FLAG) found.keyNames.push((slot & ~KEY_FLAG) - DATA);
        else found.vas.push(slot - DATA);
      },
    );
    return found;
  }

  findEncodedStarts(input: Uint8Array): number[] {
    const found: number[] = [];
    this.collect(
      input,
      (from, end, outEnd) => this.exports.scanEncoded(from, end, 0, outEnd),
      (slot) => found.push(slot - DATA),
    );
    return found;
  }

  /** Runs a kernel search over `input` in batches of output slots, handing each slot to `take`. */
  private collect(input: Uint8Array, search: (from: number, end: number, outEnd: number) => number, take: (slot: number) => void): void {
    this.place(input);
    const end = DATA + input.length;
    this.bytes.fill(0, end, end + PAD);
    for (let from = DATA; from < end; from = this.exports.next.value as number) {
      const written = search(from, end, (OUT_SLOTS - BLOCK_LANES) * 4) >>> 2;
      for (let i = 0; i < written; i++) take(this.slots[i]);
    }
  }

  countNewlines(input: Uint8Array, from: number, to: number): number {
    this.place(input);
    return this.exports.countNewlines(DATA + from, DATA + to);
  }

  hasZero(input: Uint8Array, from: number, to: number): boolean {
    // Bytes from elsewhere are not copied in for this: a binary blob would be copied whole to be skipped.
    if (!this.holds(input)) return Buffer.from(input.buffer, input.byteOffset + from, to - from).includes(0);
    return this.exports.hasZero(DATA + from, DATA + to) === 1;
  }

  utf16Length(input: Uint8Array, from: number, to: number): number {
    this.place(input);
    return this.exports.utf16Length(DATA + from, DATA + to);
  }
}

let kernel: TriggerKernel | undefined;

/** One kernel per thread, compiled on first use (a few hundred bytes of WebAssembly). */
function theKernel(): TriggerKernel {
  return (kernel ??= new TriggerKernel());
}

/** The kernel's data area, at least `size` bytes: read a file into it and findTriggers() searches it in place. */
export function triggerBuffer(size?: number): Buffer {
  return theKernel().data(size);
}

/**
 * Bytes from elsewhere (a staged blob, an editor's text) as a view of the kernel's data area, so the
 * searches that follow do not copy them again. Valid until the next kernel call with other bytes.
 */
export function inTriggerBuffer(bytes: Uint8Array): Buffer {
  return theKernel().placed(bytes);
}

export function findTriggers(bytes: Uint8Array): Triggers {
  return theKernel().find(bytes);
}

/** Where an encoded needle (encoded.ts) may start: every place its first two bytes are. */
export function findEncodedStarts(bytes: Uint8Array): number[] {
  return theKernel().findEncodedStarts(bytes);
}

/** The `\n` bytes in bytes[from, to). */
export function countNewlines(bytes: Uint8Array, from: number, to: number): number {
  return theKernel().countNewlines(bytes, from, to);
}

/** Whether bytes[from, to) hold a zero byte. */
export function hasZeroByte(bytes: Uint8Array, from: number, to: number): boolean {
  return theKernel().hasZero(bytes, from, to);
}

/** The UTF-16 length of bytes[from, to), which must be valid UTF-8 cut at character boundaries. */
export function utf16Length(bytes: Uint8Array, from: number, to: number): number {
  return theKernel().utf16Length(bytes, from, to);
}
