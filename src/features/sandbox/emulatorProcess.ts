// The bundled emulator (dist/emulator.js) as a child of the extension host: forked with an IPC
// channel so it exits when the extension host goes away, however that happens. It prints one JSON
// line with its origin, base URLs and sandbox keys; that line is read here and never logged.
import type { ChildProcess } from 'node:child_process';
import { nodeChildProcess } from '../../core/lazyNode';
import type { ProviderId } from '../../core/providers';

export interface SandboxInfo {
  origin: string;
  valossaBaseUrl: string;
  vurboBaseUrl: string;
  keys: Record<ProviderId, string>;
  /** Titles of the sandbox's Valossa jobs by id (the API's job list has none). */
  valossaJobTitles?: Record<string, string>;
}

export interface SandboxProcess {
  readonly info: SandboxInfo;
  readonly pid: number | undefined;
  /** Stops the emulator (SIGTERM, then SIGKILL after a grace period). Idempotent. */
  stop(): Promise<void>;
  /** Called once if the emulator exits by itself (a crash); not called after stop(). */
  onUnexpectedExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
}

const START_TIMEOUT_MS = 15_000;

function parseInfo(line: string): SandboxInfo {
  const info = JSON.parse(line) as Partial<SandboxInfo>;
  if (
    typeof info.origin !== 'string' ||
    typeof info.valossaBaseUrl !== 'string' ||
    typeof info.vurboBaseUrl !== 'string' ||
    !info.keys?.valossa ||
    !info.keys?.vurbo
  ) {
    throw new Error('the emulator printed an unexpected start-up line');
  }
  return info as SandboxInfo;
}

/** The extension host's environment minus fixed sandbox keys: each sandbox gets fresh ones. */
function sandboxEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.SPEECH_API_SANDBOX_VURBO_KEY;
  delete env.SPEECH_API_SANDBOX_VALOSSA_KEY;
  return env;
}

/**
 * Starts `node <script> --json` and resolves once it listens. `onStderr` receives its diagnostics.
 * With a `stateFile` it comes back with that file's port, keys and data; without one, on any port, fresh.
 */
export function startEmulatorProcess(script: string, onStderr: (line: string) => void, options: { stateFile?: string } = {}): Promise<SandboxProcess> {
  const where = options.stateFile ? ['--state-file', options.stateFile] : ['--port', '0'];
  const child: ChildProcess = nodeChildProcess().fork(script, ['--json', ...where], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    execArgv: [],
    env: sandboxEnv(),
  });
  let stopping = false;
  let exited = false;
  let unexpectedExit: ((code: number | null, signal: NodeJS.Signals | null) => void) | undefined;
  const stderrTail: string[] = [];
  let stderrBuffer = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderrBuffer += chunk;
    const lines = stderrBuffer.split('\n');
    stderrBuffer = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      onStderr(line);
    }
  });
  const exitPromise = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      if (!stopping) unexpectedExit?.(code, signal);
      resolve();
    }),
  );

  const stop = async () => {
    if (exited) return;
    stopping = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exitPromise;
    clearTimeout(timer);
  };

  return new Promise<SandboxProcess>((resolve, reject) => {
    let stdout = '';
    const fail = (why: string) => {
      cleanup();
      void stop();
      const tail = stderrTail.length ? ` Its last output: ${stderrTail.slice(-3).join(' / ')}` : '';
      reject(new Error(`The sandbox emulator did not start: ${why}.${tail}`));
    };
    const onData = (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf('\n');
      if (newline < 0) return;
      cleanup();
      child.stdout?.resume();
      try {
        const info = parseInfo(stdout.slice(0, newline));
        resolve({ info, pid: child.pid, stop, onUnexpectedExit: (listener) => (unexpectedExit = listener) });
      } catch (e) {
        fail(e instanceof Error ? e.message : String(e));
      }
    };
    const onExit = (code: number | null) => fail(`it exited with code ${code}`);
    const onError = (e: Error) => fail(e.message);
    const timer = setTimeout(() => fail(`no answer within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.off('close', onExit);
      child.off('error', onError);
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    // 'close' comes after the last stderr chunk, so the failure message can quote it.
    child.once('close', onExit);
    child.once('error', onError);
  });
}
