// Real VS Code with the extension against the local sandbox, on a sample workspace. Started by
// `npm run demo` (scripts/demo.js installs and builds first).
//
//   --port N     port of code-server on 127.0.0.1 (default 8765; a free one if that is taken)
//   --desktop    use a local `code` binary instead of code-server, where one exists
//
// The demo profile turns on speechApi.sandbox.startOnLaunch, so the extension itself starts the
// bundled emulator and stores its keys when the window opens: with code-server, SecretStorage lives
// in the browser (see test/e2e/harness.ts), so nothing could seed keys from here.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { harnessInstall, packagedVsix, QUIET_SETTINGS, startCodeServer, writeUserSettings } from '../../test/e2e/support/codeServer';
import { createWorkspace } from '../../test/e2e/support/workspace';
import { demoWorkspaceFiles } from './workspace';

const DEFAULT_PORT = 8765;
const DEMO_SETTINGS: Record<string, unknown> = {
  ...QUIET_SETTINGS,
  'speechApi.sandbox.startOnLaunch': true,
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function findOnPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, binary);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

function prepare(): { root: string; workspace: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-demo-'));
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  const workspace = createWorkspace(path.join(root, 'sample-project'), demoWorkspaceFiles(), true);
  return { root, workspace };
}

async function runCodeServer(): Promise<void> {
  console.log('[demo] preparing real VS Code (code-server): the first run installs it in about 2 minutes, later runs take seconds');
  const setup = spawnSync('bash', [path.resolve(__dirname, '../setup-vscode.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (setup.status !== 0) process.exit(setup.status || 1);
  harnessInstall();
  const requested = Number(option('port') ?? DEFAULT_PORT);
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) throw new Error('--port must be an integer from 0 to 65535');
  const port = (await portFree(requested)) ? requested : 0;
  if (port !== requested) console.log(`[demo] port ${requested} is taken; using a free one`);

  const { root, workspace } = prepare();
  const server = await startCodeServer({ folder: workspace, settings: DEMO_SETTINGS, dir: root, port });
  console.log('');
  console.log(`  Speech API Explorer is running in VS Code at   ${server.url}/`);
  console.log('');
  console.log(`  Workspace: ${workspace}`);
  console.log('  The local sandbox starts with the window (status bar: "Speech API Sandbox"); its keys');
  console.log('  are stored for the sandbox alone.');
  console.log('');
  console.log('  Ctrl-C stops everything.');
  // Ctrl-C: the process-group hooks of test/e2e/support/processes.ts stop code-server and the sandbox
  // it started. Here we only notice code-server dying on its own.
  process.on('exit', () => console.log('\n[demo] stopped'));
  const status = await server.exited;
  const tail = fs.readFileSync(server.logFile, 'utf8').trim().split('\n').slice(-15).join('\n');
  console.error(`[demo] code-server exited (${status}). The end of its log:\n${tail}`);
  process.exit(1);
}

function runDesktop(): void {
  const code = findOnPath(process.platform === 'win32' ? 'code.cmd' : 'code');
  if (!code) {
    console.error('[demo] --desktop needs a local `code` binary on PATH (VS Code: "Shell Command: Install \'code\' command in PATH"). Run `npm run demo` without --desktop to use code-server.');
    process.exit(1);
  }
  const { root, workspace } = prepare();
  const userDataDir = path.join(root, 'user-data');
  const extensionsDir = path.join(root, 'extensions');
  writeUserSettings(userDataDir, DEMO_SETTINGS);
  const common = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const install = spawnSync(code, [...common, '--install-extension', packagedVsix()], { stdio: 'inherit' });
  if (install.status !== 0) process.exit(install.status || 1);
  console.log(`[demo] opening ${workspace} in ${code} with a separate profile; close the window or press Ctrl-C to stop`);
  const child = spawn(code, [...common, '--new-window', '--wait', workspace], { stdio: 'inherit' });
  process.on('SIGINT', () => child.kill('SIGTERM'));
  child.on('exit', (status) => process.exit(status ?? 0));
}

if (process.argv.includes('--desktop')) {
  runDesktop();
} else {
  runCodeServer().catch((e) => {
    console.error(`[demo] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
