// What every feature is given (wired in extension.ts). A feature's entry point is
// `registerX(context, deps: FeatureDeps & XLinks): XApi`: XLinks are the few typed calls into
// other features it needs, XApi what it offers them. Features never reach each other otherwise.
import type * as vscode from 'vscode';
import type { Commands } from './commands';
import type { ConnectionSource } from './connection';
import type { ErrorReporter } from './errors';
import type { Log } from './log';
import type { StreamRegistry, TranscriptOutputFactory } from './streams';

export interface FeatureDeps {
  readonly log: Log;
  readonly commands: Commands;
  readonly errors: ErrorReporter;
  /** The provider hosts and keys (the keys feature). */
  readonly connections: ConnectionSource;
  /** Running streams and transcript output channels (the streams feature). */
  readonly streams: StreamRegistry;
  readonly outputs: TranscriptOutputFactory;
  /** Global memento: small state that outlives the window. */
  readonly state: vscode.Memento;
}
