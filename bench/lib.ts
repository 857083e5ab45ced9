// What every benchmark shares: the figure format of bench/results.json, timing and statistics helpers.
import { spawnSync } from 'node:child_process';

/** One line of output and one entry of bench/results.json. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** What we are compared with (a peer tool, a full scan, or a limit). */
  readonly peer?: string;
  readonly peerValue?: number;
  /** Peer time ÷ ours (higher is better), or ours ÷ limit where the target says so. */
  readonly ratio?: number;
  /** The target in words, e.g. "≥ 20× faster than secretlint". */
  readonly target?: string;
  readonly met?: boolean;
  /** Anything a reader needs to interpret the figure (input size, runs). */
  readonly note?: string;
}

export interface Benchmark {
  readonly title: string;
  run(): Promise<Figure[]>;
}

export function median(xs: readonly number[]): number {
  return percentile(xs, 50);
}

/** Nearest-rank percentile. */
export function percentile(xs: readonly number[], p: number): number {
  if (!xs.length) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface Timed {
  readonly ms: number;
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command to completion (in `env`, or this process's environment) and measures its wall-clock time. */
export function timeCommand(cmd: string, args: readonly string[], cwd: string, env?: NodeJS.ProcessEnv): Timed {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const ms = performance.now() - started;
  if (r.error) throw r.error;
  return { ms, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs every contender `runs` times, alternating them (rotating who goes first each round, so neither
 * benefits from a warmer cache), after one untimed warm-up each. Returns the times per contender.
 */
export function alternate<K extends string>(contenders: Record<K, () => number>, runs: Partial<Record<K, number>>, defaultRuns: number): Record<K, number[]> {
  const names = Object.keys(contenders) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (const n of names) contenders[n]();
  const rounds = Math.max(...names.map((n) => runs[n] ?? defaultRuns));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < names.length; i++) {
      const n = names[(i + round) % names.length];
      if (times[n].length < (runs[n] ?? defaultRuns)) times[n].push(contenders[n]());
    }
  }
  return times;
}
