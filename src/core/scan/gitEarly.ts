// `git check-ignore -z --stdin` started before the paths to ask about are known: the fork happens while
// this process is still small, git reads its config and index while the scan runs, and each path is
// sent as soon as the scan finds a key in its file. It never keeps the process alive on its own, and
// answers at most once.
import type { ChildProcess } from 'node:child_process';
import { nodeChildProcess } from '../lazyNode';

export const GIT_ENV = { GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };

const FEED_BATCH = 64;

export class EarlyCheckIgnore {
  private readonly child: ChildProcess;
  private readonly output: Promise<Buffer | undefined>;
  private used = false;
  private readonly fed = new Set<string>();
  private pending: string[] = [];

  constructor(root: string) {
    this.child = nodeChildProcess().spawn('git', ['check-ignore', '-z', '--stdin'], {
      cwd: root,
      env: { ...process.env, ...GIT_ENV },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    const chunks: Buffer[] = [];
    this.output = new Promise((resolve) => {
      this.child.stdout!.on('data', (c: Buffer) => chunks.push(c));
      this.child.once('error', () => resolve(undefined));
      // Exit 1 is "none ignored"; any other failure (a path git refuses) is no answer: ask again the usual way.
      this.child.once('close', (code) => resolve(code === 0 ? Buffer.concat(chunks) : code === 1 ? Buffer.alloc(0) : undefined));
    });
    this.child.stdin!.on('error', () => undefined); // git already gone: `output` says so
    this.setRef(false);
  }

  /**
   * Sends a path to git while the scan goes on, FEED_BATCH at a time (a write per path cost the scan
   * more than git's answer saved); check() then sends only the rest.
   */
  feed(rel: string): void {
    if (this.used || this.fed.has(rel)) return;
    this.fed.add(rel);
    this.pending.push(rel);
    if (this.pending.length < FEED_BATCH) return;
    // The pipe is unref'd, but a write still queued would keep the process alive: 64 paths never fill it.
    this.child.stdin!.write(this.pending.join('\0') + '\0');
    this.pending = [];
  }

  /**
   * The NUL-separated ignored paths among `rels` and those fed before; undefined if git could not run
   * (ask it again the usual way).
   */
  async check(rels: readonly string[]): Promise<Buffer | undefined> {
    if (this.used) return undefined;
    this.used = true;
    this.setRef(true);
    const rest = [...this.pending, ...rels.filter((rel) => !this.fed.has(rel))];
    this.child.stdin!.end(rest.length ? rest.join('\0') + '\0' : undefined);
    return this.output;
  }

  /** Ends the unused process. */
  release(): void {
    if (this.used) return;
    this.used = true;
    this.child.stdin!.end();
  }

  private setRef(on: boolean): void {
    for (const handle of [this.child, this.child.stdin, this.child.stdout] as ({ ref(): void; unref(): void } | null)[]) {
      if (on) handle?.ref();
      else handle?.unref();
    }
  }
}
