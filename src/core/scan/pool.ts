// Spreads file scanning over worker threads for the CLI on a multi-core machine. The calling thread and
// the workers pull file indices from one shared atomic counter, so a few huge files cannot leave a thread
// idle. Only findings and masked excerpts cross threads, never file contents. A worker that dies loses
// nothing: files it did not finish are scanned again by the calling thread.
import type { Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from '../lazyNode';
import { ContentRules, type ContentRuleSpec } from './contentRules';
import { scanFile, type SkipReason } from './fileScan';
import type { Finding } from './rules';

const ROLE = 'speech-api-scan-worker';

export interface ScannedFile {
  readonly index: number;
  readonly findings: Finding[];
  readonly excerpts: string[];
  readonly keyDigests: string[];
  readonly skipped?: SkipReason;
  readonly customBudgetExceeded?: boolean;
}

interface Init {
  readonly role: typeof ROLE;
  readonly counter: SharedArrayBuffer;
  readonly maxBytes?: number;
  readonly content?: ContentRuleSpec;
}

type FromWorker = { kind: 'file'; file: ScannedFile } | { kind: 'end' };

/** Scans one file and keeps what a report needs (findings with masked excerpts, or why it was skipped). */
export function scanForReport(file: string, index: number, maxBytes?: number, content?: ContentRules): ScannedFile | undefined {
  const r = scanFile(file, { maxBytes, content });
  if (r.skipped) return { index, findings: [], excerpts: [], keyDigests: [], skipped: r.skipped };
  if (!r.findings.length && !r.customBudgetExceeded) return undefined;
  return {
    index,
    findings: r.findings,
    excerpts: r.excerpts ?? [],
    keyDigests: r.keyDigests ?? [],
    ...(r.customBudgetExceeded ? { customBudgetExceeded: true } : {}),
  };
}

/** True in a thread started by ScanPool: the script should call runScanWorker() instead of its main. */
export function isScanWorker(): boolean {
  return (nodeWorkerThreads().workerData as Init | undefined)?.role === ROLE;
}

export function runScanWorker(): void {
  const { workerData, parentPort } = nodeWorkerThreads();
  const init = workerData as Init;
  const counter = new Int32Array(init.counter);
  const content = init.content ? new ContentRules(init.content) : undefined;
  parentPort!.once('message', ({ files, done }: { files: string[]; done: SharedArrayBuffer }) => {
    const flags = new Uint8Array(done);
    Atomics.store(counter, 1, 1); // started: from now on this thread may hold files
    for (let i = Atomics.add(counter, 0, 1); i < files.length; i = Atomics.add(counter, 0, 1)) {
      const file = scanForReport(files[i], i, init.maxBytes, content);
      if (file) parentPort!.postMessage({ kind: 'file', file } satisfies FromWorker);
      Atomics.store(flags, i, 1);
    }
    parentPort!.postMessage({ kind: 'end' } satisfies FromWorker);
    parentPort!.close();
  });
}

export class ScanPool {
  private readonly counter = new SharedArrayBuffer(8); // [next index, started flag]
  private readonly workers: Worker[] = [];
  private readonly content?: ContentRules;

  /** Starts `threads - 1` workers running `script` (which must call runScanWorker() when isScanWorker()). */
  constructor(
    script: string,
    threads: number,
    private readonly maxBytes?: number,
    contentSpec?: ContentRuleSpec,
  ) {
    this.content = contentSpec ? new ContentRules(contentSpec) : undefined;
    for (let i = 1; i < threads; i++) {
      try {
        const w = new (nodeWorkerThreads().Worker)(script, {
          workerData: { role: ROLE, counter: this.counter, maxBytes, content: contentSpec } satisfies Init,
        });
        w.unref();
        this.workers.push(w);
      } catch {
        // No worker: the calling thread does all the work.
      }
    }
  }

  /** Scans `files` on every thread; returns the files with findings or skipped, in no particular order. */
  async run(files: readonly string[]): Promise<Map<number, ScannedFile>> {
    const counter = new Int32Array(this.counter);
    const done = new SharedArrayBuffer(Math.max(1, files.length));
    const flags = new Uint8Array(done);
    const results = new Map<number, ScannedFile>();
    const finished = this.workers.map(
      (w) =>
        new Promise<void>((resolve) => {
          w.on('message', (m: FromWorker) => (m.kind === 'file' ? results.set(m.file.index, m.file) : resolve()));
          w.once('error', () => resolve());
          w.once('exit', () => resolve());
          w.postMessage({ files, done });
        }),
    );
    for (let i = Atomics.add(counter, 0, 1); i < files.length; i = Atomics.add(counter, 0, 1)) {
      const file = scanForReport(files[i], i, this.maxBytes, this.content);
      if (file) results.set(i, file);
      Atomics.store(flags, i, 1);
    }
    // Every index is claimed now. A worker that never started holds none: stop it instead of waiting.
    if (Atomics.load(counter, 1) === 0) await Promise.all(this.workers.map((w) => w.terminate()));
    else await Promise.all(finished);
    // Every worker has ended (or died) by now; waiting for its thread to be torn down only delays the report.
    for (const w of this.workers) void w.terminate();
    for (let i = 0; i < files.length; i++) {
      if (Atomics.load(flags, i)) continue; // a worker died holding this file
      const file = scanForReport(files[i], i, this.maxBytes, this.content);
      if (file) results.set(i, file);
    }
    return results;
  }
}
