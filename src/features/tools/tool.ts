// The one wrapper between a Speech API tool and vscode.lm: the on/off setting, workspace trust for
// tools that send requests, cancellation, errors as catalogue sentences and the redactor over every
// result. Each tool only says what it does.
import * as vscode from 'vscode';
import { isCancellation } from '../shared/commands';
import { abortOnCancel } from '../shared/progress';
import { redact } from '../../core/redact';
import type { Log } from '../shared/log';
import { disabledText, toolErrorText, untrustedText, type Confirmation } from './presentation';

export interface SpeechTool<T> {
  /** The `name` in package.json's languageModelTools. */
  readonly name: string;
  /** Reaches a provider: refused in an untrusted workspace. */
  readonly sendsRequests: boolean;
  /** Shown while the tool runs. */
  progress(input: T): string;
  /** What the user must agree to first; only tools that change something or cost money have one. */
  confirm?(input: T): Confirmation;
  /** The result text (redacted by the wrapper). Throws ApiError or ToolInputError. */
  run(input: T, signal: AbortSignal): Promise<string>;
}

export interface ToolEnvironment {
  readonly log: Log;
  enabled(): boolean;
  trusted(): boolean;
}

export function toolsEnabled(): boolean {
  return vscode.workspace.getConfiguration('speechApi.tools').get<boolean>('enabled', true);
}

/** Why the tool may not run now, or undefined when it may. */
function refusal<T>(tool: SpeechTool<T>, env: ToolEnvironment): string | undefined {
  if (!env.enabled()) return disabledText();
  if (tool.sendsRequests && !env.trusted()) return untrustedText();
  return undefined;
}

function textResult(text: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(redact(text))]);
}

export function languageModelTool<T>(tool: SpeechTool<T>, env: ToolEnvironment): vscode.LanguageModelTool<T> {
  return {
    prepareInvocation(options) {
      const invocationMessage = redact(tool.progress(options.input));
      // A refused call does nothing, so there is nothing to confirm; invoke() says why.
      if (!tool.confirm || refusal(tool, env)) return { invocationMessage };
      const { title, message } = tool.confirm(options.input);
      return { invocationMessage, confirmationMessages: { title: redact(title), message: new vscode.MarkdownString(redact(message)) } };
    },

    async invoke(options, token) {
      const refused = refusal(tool, env);
      if (refused) return textResult(refused);
      const abort = abortOnCancel(token);
      try {
        if (token.isCancellationRequested) throw new vscode.CancellationError();
        return textResult(await tool.run(options.input, abort.signal));
      } catch (e) {
        if (token.isCancellationRequested || isCancellation(e)) throw new vscode.CancellationError();
        env.log.error(`Language-model tool ${tool.name} failed`, e);
        return textResult(toolErrorText(e));
      } finally {
        abort.dispose();
      }
    },
  };
}
