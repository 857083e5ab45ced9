// Shares a CLI scan with helper threads by what each file needs. The calling thread walks, reads every
// file and runs the byte prefilter (triageFile): most files end there. The few with a trigger, where
// the rules, excerpts and digests run (cold JIT in a fresh process), are deferred to the helpers,
// which read them again and scan them in full while the calling thread reads on. When the walk ends,
// the calling thread takes back the deferred files no helper has claimed yet, newest first. Each
// deferred file is claimed once (compare-and-swap on shared memory), so none is scanned twice or lost;
// files a helper claimed but did not finish (it died) are scanned again by the calling thread. Only
// paths, findings and masked excerpts cross threads, never file contents.
import type { MessagePort, Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from '../lazyNode';
import { ContentRules, type ContentRuleSpec } from './contentRules';
import { scanFile, type SkipReason } from './fileScan';
import type { Finding } from './rules';

const ROLE = 'speech-api-scan-worker';

/** At most this many files are deferred; the calling thread scans any beyond it itself. */
const MAX_DEFERRED = 1 << 20;

/** A deferred file's state (one byte each in shared memory). */
const FREE = 0;
const BY_HELPER = 1;
const BY_CALLER = 2;
const DONE = 3;

/** Slots of the shared signal: how many files were posted (helpers wait on it), and whether the walk ended. */
const POSTED = 0;
const ENDED = 1;

export interface ScannedFile {
  readonly findings: Finding[];
  readonly excerpts: string[];
  readonly keyDigests: string[];
  readonly skipped?: SkipReason;
  readonly customBudgetExceeded?: boolean;
}

interface Init {
  readonly role: typeof ROLE;
  readonly states: SharedArrayBuffer;
  readonly signal: SharedArrayBuffer;
  readonly files: MessagePort;
  readonly maxBytes?: number;
  readonly content?: ContentRuleSpec;
}

type ToHelper = { readonly item: number; readonly path: string };
type FromHelper = { kind: 'file'; item: number; file: ScannedFile | undefined } | { kind: 'end' };

/** Scans one file and keeps what a report needs (findings with masked excerpts, or why it was skipped); undefined when clean. */
export function scanForReport(file: string, maxBytes?: number, content?: ContentRules): ScannedFile | undefined {
  const r = scanFile(file, { maxBytes, content });
  if (r.skipped) return { findings: [], excerpts: [], keyDigests: [], skipped: r.skipped };
  if (!r.findings.length && !r.customBudgetExceeded) return undefined;
  return {
    findings: r.findings,
    excerpts: r.excerpts ?? [],
    keyDigests: r.keyDigests ?? [],
    ...(r.customBudgetExceeded ? { customBudgetExceeded: true } : {}),
  };
}

/** On a helper's command line, so the calling thread can tell it is none without loading worker_threads (2 ms). */
const HELPER_ARG = '--speech-api-scan-helper';

/** True in a thread started by ScanPool: the script should call runScanWorker() instead of its main. */
export function isScanWorker(): boolean {
  return process.argv.includes(HELPER_ARG) && (nodeWorkerThreads().workerData as Init | undefined)?.role === ROLE;
}

/** A helper's loop: take each posted file not claimed yet, until the walk has ended and nothing is left. */
export function runScanWorker(): void {
  const { workerData, parentPort, receiveMessageOnPort } = nodeWorkerThreads();
  const init = workerData as Init;
  const states = new Uint8Array(init.states);
  const signal = new Int32Array(init.signal);
  const content = init.content ? new ContentRules(init.content) : undefined;
  for (;;) {
    const posted = Atomics.load(signal, POSTED);
    const next = receiveMessageOnPort(init.files)?.message as ToHelper | undefined;
    if (next) {
      if (Atomics.compareExchange(states, next.item, FREE, BY_HELPER) !== FREE) continue;
      const file = scanForReport(next.path, init.maxBytes, content);
      parentPort!.postMessage({ kind: 'file', item: next.item, file } satisfies FromHelper);
      Atomics.store(states, next.item, DONE);
      continue;
    }
    if (Atomics.load(signal, ENDED)) break;
    Atomics.wait(signal, POSTED, posted); // returns at once if a file was posted since `posted` was read
  }
  parentPort!.postMessage({ kind: 'end' } satisfies FromHelper);
  parentPort!.close();
}

interface Helper {
  readonly worker: Worker;
  readonly files: MessagePort;
  /** Settles once the helper said `end`, failed or exited: every result it sent has arrived. */
  readonly finished: Promise<void>;
}

export class ScanPool {
  private readonly states = new Uint8Array(new SharedArrayBuffer(MAX_DEFERRED));
  private readonly signal = new Int32Array(new SharedArrayBuffer(8));
  private readonly helpers: Helper[] = [];
  private readonly deferred: string[] = [];
  private readonly results = new Map<number, ScannedFile | undefined>();
  private readonly content?: ContentRules;

  /** Starts `threads - 1` helpers running `script` (which must call runScanWorker() when isScanWorker()). */
  constructor(
    script: string,
    threads: number,
    private readonly maxBytes?: number,
    contentSpec?: ContentRuleSpec,
  ) {
    this.content = contentSpec ? new ContentRules(contentSpec) : undefined;
    const { Worker, MessageChannel } = nodeWorkerThreads();
    for (let i = 1; i < threads; i++) {
      try {
        const { port1, port2 } = new MessageChannel();
        const init: Init = {
          role: ROLE,
          states: this.states.buffer as SharedArrayBuffer,
          signal: this.signal.buffer as SharedArrayBuffer,
          files: port2,
          maxBytes,
          content: contentSpec,
        };
        const worker = new Worker(script, { argv: [HELPER_ARG], workerData: init, transferList: [port2] });
        worker.unref();
        const finished = new Promise<void>((resolve) => {
          worker.on('message', (m: FromHelper) => (m.kind === 'file' ? this.results.set(m.item, m.file) : resolve()));
          worker.once('error', () => resolve());
          worker.once('exit', () => resolve());
        });
        this.helpers.push({ worker, files: port1, finished });
      } catch {
        // No helper: the calling thread does all the work.
      }
    }
  }

  /** Hands a file with triggers to the helpers; returns its number (results are keyed by it), or undefined when full. */
  defer(path: string): number | undefined {
    const item = this.deferred.length;
    if (item >= MAX_DEFERRED || !this.helpers.length) return undefined;
    this.deferred.push(path);
    for (const h of this.helpers) h.files.postMessage({ item, path } satisfies ToHelper);
    Atomics.add(this.signal, POSTED, 1);
    Atomics.notify(this.signal, POSTED);
    return item;
  }

  /** How many deferred files a helper has taken so far (finished or not). */
  takenByHelpers(): number {
    return this.states.subarray(0, this.deferred.length).filter((s) => s === BY_HELPER || s === DONE).length;
  }

  /** After the walk: scans the deferred files no helper took, waits for the helpers; every deferred file's result, by number. */
  async finish(): Promise<Map<number, ScannedFile | undefined>> {
    for (let item = this.deferred.length - 1; item >= 0; item--) {
      if (Atomics.compareExchange(this.states, item, FREE, BY_CALLER) === FREE) this.results.set(item, this.scan(item));
    }
    Atomics.store(this.signal, ENDED, 1);
    Atomics.add(this.signal, POSTED, 1);
    Atomics.notify(this.signal, POSTED);
    if (this.takenByHelpers()) await Promise.all(this.helpers.map((h) => h.finished));
    // Waiting for a helper's thread to be torn down only delays the report.
    for (const h of this.helpers) {
      h.files.close();
      void h.worker.terminate();
    }
    for (let item = 0; item < this.deferred.length; item++) {
      if (Atomics.load(this.states, item) === BY_HELPER) this.results.set(item, this.scan(item)); // its helper died on it
    }
    return this.results;
  }

  private scan(item: number): ScannedFile | undefined {
    return scanForReport(this.deferred[item], this.maxBytes, this.content);
  }
}
