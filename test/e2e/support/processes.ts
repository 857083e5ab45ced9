// Child processes the e2e harness starts. Each runs in its own process group so that killing the
// group also ends what it spawned (code-server's extension host, pty host, file watcher, and a
// sandbox emulator forked by the extension). Groups still alive when this process exits — a failed
// hook, Ctrl-C, mocha's --exit — are killed synchronously on the way out.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';

const liveGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

let exitHooksInstalled = false;
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
      process.exit(130);
    });
  }
}

export interface GroupProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** SIGTERM to the whole group, SIGKILL after `graceMs`; resolves when the group is gone. */
  stop(graceMs?: number): Promise<void>;
}

/** Spawns a process as the leader of a new process group, with stdout and stderr appended to `logFile`. */
export function spawnGroup(command: string, args: string[], options: SpawnOptions & { logFile: string }): GroupProcess {
  installExitHooks();
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => fs.writeSync(log, d));
  child.stderr?.on('data', (d: Buffer) => fs.writeSync(log, d));
  child.on('close', () => fs.closeSync(log));
  if (child.pid === undefined) throw new Error(`could not start ${command}`);
  const pid = child.pid;
  liveGroups.add(pid);
  return {
    child,
    pid,
    async stop(graceMs = 3000) {
      killGroup(pid, 'SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (groupAlive(pid)) killGroup(pid, 'SIGKILL');
      while (groupAlive(pid)) await new Promise((r) => setTimeout(r, 20));
      liveGroups.delete(pid);
    },
  };
}

/** Resolves with the first match of `pattern` in the process output, or rejects when it exits or times out. */
export function waitForOutput(proc: GroupProcess, pattern: RegExp, timeoutMs: number, logFile: string): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString('utf8');
      const m = seen.match(pattern);
      if (m) finish(() => resolve(m));
    };
    const onExit = (code: number | null) => finish(() => reject(new Error(`process exited (${code}) before printing ${pattern}; see ${logFile}`)));
    const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} within ${timeoutMs} ms; see ${logFile}`))), timeoutMs);
    const finish = (fn: () => void) => {
      clearTimeout(timer);
      proc.child.stdout?.off('data', onData);
      proc.child.stderr?.off('data', onData);
      proc.child.off('exit', onExit);
      fn();
    };
    proc.child.stdout?.on('data', onData);
    proc.child.stderr?.on('data', onData);
    proc.child.on('exit', onExit);
  });
}
