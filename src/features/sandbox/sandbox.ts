// The local sandbox: the bundled emulator of both APIs, run from inside VS Code. Starting it stores
// its generated keys for its own loopback origin only, then points both base-URL settings (user
// level) at it; stopping it restores the previous values and forgets its keys. Keys for real hosts
// are never touched — and since keys are bound to origins, never sent to the sandbox.
// It keeps its port, keys, jobs and tasks in a state file under the extension's global storage: a
// window that goes away with the sandbox running (a reload) starts it again the same at activation.
import fs from 'node:fs';
import * as vscode from 'vscode';
import { COMMAND } from '../shared/commandIds';
import { Disposable } from '../shared/dispose';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '../../core/providers';
import type { OriginKeys } from '../shared/keys';
import type { Log } from '../shared/log';
import type { HostSource } from '../shared/hosts';
import { showNotice, type NoticeButton } from '../shared/notice';
import { baseUrlSetting } from '../shared/settings';
import { startEmulatorProcess, type SandboxProcess } from './emulatorProcess';
import { nodeNet } from '../../core/lazyNode';

/** What a running sandbox changed, kept in globalState (no keys) so a crash can be undone next time. */
interface SandboxSession {
  origin: string;
  urls: Record<ProviderId, string>;
  /** User-level base URLs before the sandbox; null = not set (the default applied). */
  previous: Record<ProviderId, string | null>;
}

const SESSION_STATE = 'speechApi.sandbox.session';

export interface SandboxDeps {
  keys: OriginKeys;
  /** Where each provider points now, to tell when a workspace setting shadows the sandbox. */
  hosts: HostSource;
  log: Log;
  state: vscode.Memento;
  /** Hands the titles of the sandbox's own Valossa jobs to the Jobs view. */
  jobTitles?(titles: Record<string, string>): void;
  /** Absolute path of dist/emulator.js. */
  emulatorScript: string;
  /** Where the sandbox keeps its state between runs (under the extension's global storage). */
  stateFile: string;
}

function userBaseUrl(provider: ProviderId): string | undefined {
  return vscode.workspace.getConfiguration().inspect<string>(baseUrlSetting(provider))?.globalValue;
}

async function setUserBaseUrl(provider: ProviderId, value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration().update(baseUrlSetting(provider), value, vscode.ConfigurationTarget.Global);
}

/** Whether something still listens on the (loopback) origin: another window's sandbox, say. */
function listening(origin: string): Promise<boolean> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const socket = nodeNet().connect({ host: url.hostname, port: Number(url.port) });
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** What other features may know of the sandbox: where it runs, and when that changes. */
export interface SandboxState {
  readonly origin: string | undefined;
  readonly onDidChange: vscode.Event<void>;
}

export class Sandbox extends Disposable implements SandboxState {
  private runningValue: { process: SandboxProcess; session: SandboxSession } | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Fires when the sandbox starts or stops (its origin changes). */
  readonly onDidChange = this.changed.event;
  private busy: Promise<unknown> = Promise.resolve();
  private readonly status: vscode.StatusBarItem;

  private get running(): { process: SandboxProcess; session: SandboxSession } | undefined {
    return this.runningValue;
  }

  private set running(value: { process: SandboxProcess; session: SandboxSession } | undefined) {
    this.runningValue = value;
    this.changed.fire();
  }

  constructor(private readonly deps: SandboxDeps) {
    super();
    this.status = this.register(vscode.window.createStatusBarItem('speechApi.sandbox', vscode.StatusBarAlignment.Left, 10));
    this.status.name = vscode.l10n.t('Speech API Sandbox');
    this.status.text = `$(beaker) ${vscode.l10n.t('Speech API Sandbox')}`;
    this.status.command = COMMAND.sandbox.showMenu;
  }

  get origin(): string | undefined {
    return this.running?.session.origin;
  }

  /** Start and stop run one at a time. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.busy.then(fn, fn);
    this.busy = next.catch(() => undefined);
    return next;
  }

  start(options: { quiet?: boolean } = {}): Promise<void> {
    return this.serial(() => this.doStart(options.quiet ?? false));
  }

  stop(): Promise<void> {
    return this.serial(() => this.doStop());
  }

  /**
   * At activation: a sandbox whose window went away while it ran (a reload, a restart) starts again
   * with its kept state, so the same origin, keys and data; if that fails, its changes are undone.
   */
  resume(): Promise<void> {
    return this.serial(async () => {
      const session = this.deps.state.get<SandboxSession>(SESSION_STATE);
      if (!session || (await listening(session.origin))) return; // none, or another window's, in use
      try {
        await this.doStart(true);
        this.deps.log.info(`Sandbox resumed at ${this.origin} (it was running when its window went away).`);
      } catch (e) {
        await this.undo(session);
        throw e;
      }
    });
  }

  /** Stops the sandbox and deletes its kept jobs, tasks and keys: the next start is a fresh one. */
  stopAndForget(): Promise<void> {
    return this.serial(async () => {
      if (this.running) await this.doStop();
      await fs.promises.rm(this.deps.stateFile, { force: true });
      this.deps.log.info('Sandbox data deleted.');
    });
  }

  private async doStart(quiet: boolean): Promise<void> {
    if (this.running) {
      await this.reinstate(this.running.session, this.running.process, quiet);
      return;
    }
    const { log } = this.deps;
    // Another window's sandbox may own the user settings right now: what it replaced is the real "before".
    const other = this.deps.state.get<SandboxSession>(SESSION_STATE);
    // Its state file is in use by it; this sandbox then runs apart, on fresh data.
    const otherAlive = other ? await listening(other.origin) : false;
    const proc = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting the Speech API sandbox…') }, () =>
      startEmulatorProcess(this.deps.emulatorScript, (line) => log.info(`sandbox: ${line}`), { stateFile: otherAlive ? undefined : this.deps.stateFile }),
    );
    const { info } = proc;
    // A sandbox that ended without stopping and came back elsewhere: its keys for the old origin go.
    if (other && !otherAlive && other.origin !== info.origin) for (const p of PROVIDER_IDS) await this.deps.keys.delete({ provider: p, origin: other.origin });
    const previous = {} as Record<ProviderId, string | null>;
    for (const p of PROVIDER_IDS) {
      const current = userBaseUrl(p);
      previous[p] = other && current === other.urls[p] ? other.previous[p] : (current ?? null);
    }
    const session: SandboxSession = { origin: info.origin, urls: { valossa: info.valossaBaseUrl, vurbo: info.vurboBaseUrl }, previous };
    try {
      await this.deps.state.update(SESSION_STATE, session);
      // Keys first, so the providers have a key the moment they point at the sandbox.
      for (const p of PROVIDER_IDS) await this.deps.keys.set({ provider: p, origin: info.origin }, info.keys[p]);
      for (const p of PROVIDER_IDS) await setUserBaseUrl(p, session.urls[p]);
    } catch (e) {
      await proc.stop();
      await this.undo(session);
      throw e;
    }
    this.running = { process: proc, session };
    proc.onUnexpectedExit((code, signal) => void this.serial(() => this.onCrash(proc, code, signal)));
    this.status.tooltip = new vscode.MarkdownString(
      vscode.l10n.t('**Speech API sandbox** at `{0}`', info.origin) +
        '\n\n' +
        vscode.l10n.t('Both providers use it, with sandbox keys stored for this origin only. Click to stop it or show its log.'),
    );
    this.status.show();
    void vscode.commands.executeCommand('setContext', 'speechApi.sandbox.running', true);
    log.info(`Sandbox started at ${info.origin}; Valossa and Vurbo base URLs point at it.`);
    if (info.valossaJobTitles) this.deps.jobTitles?.(info.valossaJobTitles);

    const shadowed = PROVIDER_IDS.filter((p) => {
      const effective = this.deps.hosts.current(p).base;
      return !effective.ok || effective.origin !== info.origin;
    });
    if (shadowed.length) {
      const names = shadowed.map((p) => PROVIDERS[p].label).join(vscode.l10n.t(' and '));
      void showNotice(
        'warning',
        vscode.l10n.t(
          'The sandbox runs at {0}, but a workspace setting keeps {1} pointed elsewhere. Remove {2} from the workspace settings to use the sandbox.',
          info.origin,
          names,
          'speechApi.*.baseUrl',
        ),
        [
          {
            label: vscode.l10n.t('Open Workspace Settings'),
            run: () => vscode.commands.executeCommand('workbench.action.openWorkspaceSettings', { query: 'speechApi baseUrl' }),
          },
        ],
      );
    } else if (!quiet) {
      void showNotice(
        'info',
        vscode.l10n.t('Speech API sandbox running at {0}. Valossa and Vurbo now use it, with sandbox keys; keys for other hosts are untouched.', info.origin),
        [this.stopButton()],
      );
    }
  }

  private async doStop(): Promise<void> {
    const running = this.running;
    if (!running) {
      void vscode.window.showInformationMessage(vscode.l10n.t('The Speech API sandbox is not running.'));
      return;
    }
    this.running = undefined;
    this.status.hide();
    void vscode.commands.executeCommand('setContext', 'speechApi.sandbox.running', false);
    await running.process.stop();
    await this.undo(running.session);
    this.deps.log.info(`Sandbox at ${running.session.origin} stopped; base URLs restored.`);
    void vscode.window.showInformationMessage(vscode.l10n.t('Speech API sandbox stopped. {0}', this.describeRestored(running.session)));
  }

  private async onCrash(proc: SandboxProcess, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.running?.process !== proc) return;
    const { session } = this.running;
    this.running = undefined;
    this.status.hide();
    void vscode.commands.executeCommand('setContext', 'speechApi.sandbox.running', false);
    await this.undo(session);
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    this.deps.log.warn(`Sandbox at ${session.origin} ${how}; base URLs restored.`);
    const message = signal
      ? vscode.l10n.t('The Speech API sandbox was killed ({0}). {1}', signal, this.describeRestored(session))
      : vscode.l10n.t('The Speech API sandbox exited with code {0}. {1}', String(code), this.describeRestored(session));
    void showNotice('warning', message, [
      { label: vscode.l10n.t('Start Again'), run: () => void this.start() },
      { label: vscode.l10n.t('Show Log'), run: () => this.deps.log.show() },
    ]);
  }

  /** The notifications' button that stops the sandbox without waiting for it. */
  private stopButton(): NoticeButton<void> {
    return { label: vscode.l10n.t('Stop Sandbox'), run: () => void this.stop() };
  }

  /** "Start" while running: puts back the sandbox keys and base URLs the user removed or changed since. */
  private async reinstate(session: SandboxSession, proc: SandboxProcess, quiet: boolean): Promise<void> {
    const restored: string[] = [];
    for (const p of PROVIDER_IDS) {
      const ref = { provider: p, origin: session.origin };
      if ((await this.deps.keys.get(ref)) !== proc.info.keys[p]) {
        await this.deps.keys.set(ref, proc.info.keys[p]);
        restored.push(vscode.l10n.t('{0} key', PROVIDERS[p].label));
      }
      if (userBaseUrl(p) !== session.urls[p]) {
        await setUserBaseUrl(p, session.urls[p]);
        restored.push(vscode.l10n.t('{0} base URL', PROVIDERS[p].label));
      }
    }
    if (restored.length) this.deps.log.info(`Sandbox at ${session.origin}: restored ${restored.join(', ')}.`);
    if (quiet) return;
    const message = restored.length
      ? vscode.l10n.t('The Speech API sandbox is already running at {0}. Restored: {1}.', session.origin, restored.join(', '))
      : vscode.l10n.t('The Speech API sandbox is already running at {0}.', session.origin);
    await showNotice('info', message, [this.stopButton()]);
  }

  /** Restores base URLs the session still owns (the user may have changed them since) and forgets its keys. */
  private async undo(session: SandboxSession): Promise<void> {
    for (const p of PROVIDER_IDS) {
      if (userBaseUrl(p) === session.urls[p]) await setUserBaseUrl(p, session.previous[p] ?? undefined);
      await this.deps.keys.delete({ provider: p, origin: session.origin });
    }
    const stored = this.deps.state.get<SandboxSession>(SESSION_STATE);
    if (stored?.origin === session.origin) await this.deps.state.update(SESSION_STATE, undefined);
  }

  private describeRestored(session: SandboxSession): string {
    const parts = PROVIDER_IDS.map((p) => `${PROVIDERS[p].label}: ${session.previous[p] ?? vscode.l10n.t('default')}`);
    return vscode.l10n.t('Base URLs restored ({0}).', parts.join(', '));
  }

  override dispose(): void {
    const running = this.runningValue;
    this.runningValue = undefined;
    super.dispose();
    if (running) {
      // The extension host is going away (a reload, a restart): the emulator goes with it, writing its
      // state; the session, settings and keys stay, for resume() in the next extension host.
      void running.process.stop().catch(() => undefined);
    }
  }
}
