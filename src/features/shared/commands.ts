// The one way a feature registers a command (lint forbids vscode.commands.registerCommand
// elsewhere): the handler's errors are logged, cancellations are ignored, and everything else is
// shown with the catalogue's buttons. `guard` gives the same treatment to actions that another
// feature calls through its typed API rather than through a command id.
import * as vscode from 'vscode';
import { ApiError } from '../../core/errors';
import type { CommandId } from './commandIds';
import type { ErrorReporter } from './errors';
import type { Log } from './log';

// Command arguments come from VS Code untyped; each handler declares what it accepts.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandHandler = (...args: any[]) => unknown;

export interface Commands {
  /** Registers `id`; `what` names the action in error messages ("Delete task: …"). */
  register(id: CommandId, what: string, handler: CommandHandler): vscode.Disposable;
  /** The handler wrapped like a command's, for APIs that other features call. */
  guard<A extends unknown[]>(what: string, handler: (...args: A) => unknown): (...args: A) => Promise<void>;
}

export function isCancellation(e: unknown): boolean {
  return (e instanceof ApiError && e.code === 'cancelled') || e instanceof vscode.CancellationError;
}

export function createCommands(log: Log, errors: ErrorReporter): Commands {
  const guard =
    <A extends unknown[]>(what: string, handler: (...args: A) => unknown) =>
    async (...args: A): Promise<void> => {
      try {
        await handler(...args);
      } catch (e) {
        if (isCancellation(e)) return;
        log.error(what, e);
        await errors.show(what, e);
      }
    };
  return {
    guard,
    // eslint-disable-next-line no-restricted-syntax -- the one sanctioned registration path
    register: (id, what, handler) => vscode.commands.registerCommand(id, guard(what, handler)),
  };
}
