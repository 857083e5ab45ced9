// The one live session this window runs (at most one at a time): which it is, its state for the
// menus' `when` clauses, and its release once it has ended.
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../shared/dispose';
import type { LiveRun } from './liveRun';

const CONTEXT_KEY = 'speechApi.vurbo.liveSession';

export class LiveSessions extends Disposable {
  private run: LiveRun | undefined;

  constructor() {
    super();
    this.register(toDisposable(() => this.run?.dispose()));
  }

  get current(): LiveRun | undefined {
    return this.run;
  }

  /** Follows `run` until it ends; the ended run is released then, not kept until the window closes. */
  track(run: LiveRun): void {
    this.run = run;
    this.sync();
  }

  /** Called by the run when it ends. */
  ended(run: LiveRun): void {
    if (this.run === run) this.run = undefined;
    this.sync();
  }

  /** The menus' `when` clauses read the state: running, paused or none. */
  sync(): void {
    void vscode.commands.executeCommand('setContext', CONTEXT_KEY, this.run ? (this.run.state === 'paused' ? 'paused' : 'running') : undefined);
  }
}
