// The e2e harness: one real VS Code (code-server + headless Chromium) per suite file, with the
// extension installed from a freshly packaged VSIX, pointed at an in-process emulator.
//
//   import { useVsCode } from './harness';
//   describe('my flow', function () {
//     const vscode = useVsCode({ files: { 'a.env': '…' } });
//     it('does something', async () => {
//       await vscode.workbench.runCommand('Speech API: Test API Key');
//       …vscode.emulator.server.accessLog…
//     });
//   });
//
// Where keys live: code-server gives the workbench a LocalStorageSecretStorageProvider, so
// SecretStorage is BROWSER-side — the page's localStorage entry "secrets.provider", AES-encrypted with
// a key half minted by the server into <user-data-dir>/serve-web-key-half. A key set in one suite is
// gone in the next (fresh browser context and profile), a page reload keeps it, and nothing on the
// server side can pre-seed one: keys are stored through the UI (setApiKey) or by the extension
// itself (the sandbox command, which the demo runs at start-up).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index';
import { ARTIFACTS_DIR, QUIET_SETTINGS, startCodeServer, writeUserSettings, type CodeServer } from './support/codeServer';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './support/chromium';
import { createWorkspace, type WorkspaceFiles } from './support/workspace';
import { Workbench } from './workbench';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

export { Workbench } from './workbench';
export type { Notification, TreeItem, Problem, QuickInputState } from './workbench';

export { CHROMIUM_ARGS } from './support/chromium';

export interface VsCodeOptions {
  /** Files of the workspace folder the window opens (path → content). */
  files?: WorkspaceFiles;
  /** Make the workspace a git repository with the files committed. */
  git?: boolean;
  /** User settings on top of the quiet defaults and the emulator base URLs. */
  settings?: Record<string, unknown>;
  /** Environment of code-server and its extension host (VURBO_API_KEY and VALOSSA_API_KEY are removed unless given here). */
  env?: Record<string, string>;
  /** Options of the in-process emulator (keys, timings, seed). */
  emulator?: EmulatorOptions;
  /** Browser viewport (default 1280×800). */
  viewport?: { width: number; height: number };
  /**
   * Workspace trust on, as a cautious user has it: the folder opens in restricted mode (no start-up
   * prompt) until the test trusts it. Default off: every folder is trusted.
   */
  workspaceTrust?: boolean;
}

export interface VsCodeSession {
  readonly workbench: Workbench;
  readonly page: Page;
  /** The in-process emulator: add faults, read `server.accessLog`, use `keys`. */
  readonly emulator: Emulator;
  readonly workspaceDir: string;
  readonly userDataDir: string;
  /** code-server's own log (stdout and stderr). */
  readonly logFile: string;
  /** Rewrites User/settings.json with `patch` merged in (VS Code picks the change up live). */
  updateSettings(patch: Record<string, unknown>): Promise<void>;
  /** Reloads the window (new extension host; browser-side secrets survive). */
  reload(): Promise<void>;
  /** Saves a screenshot and the workbench text under .e2e-artifacts/ and returns their paths. */
  saveArtifacts(name: string): Promise<{ screenshot: string; text: string; log: string }>;
  dispose(): Promise<void>;
}

/** Starts emulator, code-server and Chromium; on any failure stops what was already started. */
export async function startVsCode(options: VsCodeOptions = {}): Promise<VsCodeSession> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'speech-api-e2e-'));
  const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(root, { recursive: true, force: true })];
  const dispose = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn().catch((e) => console.error('e2e cleanup:', e));
  };
  try {
    const emulator = await startEmulator(options.emulator);
    cleanups.push(() => emulator.close());
    const workspaceDir = createWorkspace(path.join(root, 'workspace'), options.files ?? {}, options.git ?? false);
    let settings: Record<string, unknown> = {
      ...QUIET_SETTINGS,
      'speechApi.valossa.baseUrl': emulator.valossaBaseUrl,
      'speechApi.vurbo.baseUrl': emulator.vurboBaseUrl,
      ...(options.workspaceTrust ? { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never' } : {}),
      ...options.settings,
    };
    const server: CodeServer = await startCodeServer({ folder: workspaceDir, settings, env: options.env, dir: root, workspaceTrust: options.workspaceTrust });
    cleanups.push(() => server.stop());
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    const context: BrowserContext = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    // Playwright waits forever by default; a flow step that cannot happen should fail with a message.
    page.setDefaultTimeout(LIMITS.ui);
    const workbench = new Workbench(page, ARTIFACTS_DIR);
    await workbench.open(server.url);

    return {
      workbench,
      page,
      emulator,
      workspaceDir,
      userDataDir: server.userDataDir,
      logFile: server.logFile,
      async updateSettings(patch) {
        settings = { ...settings, ...patch };
        writeUserSettings(server.userDataDir, settings);
      },
      reload: () => workbench.reload(),
      async saveArtifacts(name) {
        const saved = await workbench.saveArtifacts(name);
        const log = path.join(ARTIFACTS_DIR, `${saved.base}.code-server.log`);
        fs.copyFileSync(server.logFile, log);
        return { screenshot: saved.screenshot, text: saved.text, log };
      },
      dispose,
    };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/**
 * Mocha hooks for a suite: starts one VS Code before the suite, saves artifacts of every failing test,
 * stops everything after. The returned object's fields are usable inside tests and hooks.
 */
export function useVsCode(options: VsCodeOptions = {}): VsCodeSession {
  let session: VsCodeSession | undefined;
  const current = (): VsCodeSession => {
    if (!session) throw new Error('VS Code is not running: use the session inside tests or hooks');
    return session;
  };
  before(async function () {
    this.timeout(TEST_TIMEOUTS.setUp);
    session = await startVsCode(options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (!session || !test || test.state !== 'failed') return;
    this.timeout(TEST_TIMEOUTS.artifacts);
    try {
      const saved = await session.saveArtifacts(test.fullTitle());
      console.log(`    e2e artifacts: ${saved.screenshot}\n                   ${saved.text}\n                   ${saved.log}`);
    } catch (e) {
      console.error('    could not save e2e artifacts:', e);
    }
  });
  after(async function () {
    this.timeout(TEST_TIMEOUTS.tearDown);
    await session?.dispose();
    session = undefined;
  });
  return {
    get workbench() {
      return current().workbench;
    },
    get page() {
      return current().page;
    },
    get emulator() {
      return current().emulator;
    },
    get workspaceDir() {
      return current().workspaceDir;
    },
    get userDataDir() {
      return current().userDataDir;
    },
    get logFile() {
      return current().logFile;
    },
    updateSettings: (patch) => current().updateSettings(patch),
    reload: () => current().reload(),
    saveArtifacts: (name) => current().saveArtifacts(name),
    dispose: () => current().dispose(),
  };
}
