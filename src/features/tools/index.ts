// Language-model tools: the editor's agent reads Vurbo tasks and transcripts and Valossa jobs, scans
// for hard-coded keys and, after the user confirms, starts a job, retranslates or renames a task.
// Everything goes through the wrapper in tool.ts (setting, trust, cancellation, errors, redactor).
import * as vscode from 'vscode';
import type { FeatureDeps } from '../shared/feature';
import { actionTools } from './actionTools';
import { ToolClients } from './clients';
import { localTools, type ToolsLinks } from './localTools';
import { readTools } from './readTools';
import { languageModelTool, toolsEnabled, type SpeechTool } from './tool';

export type { ToolsLinks } from './localTools';

export function allTools(clients: ToolClients, deps: Pick<FeatureDeps, 'connections'> & ToolsLinks): SpeechTool<never>[] {
  return [...readTools(clients), ...localTools(deps.connections, deps), ...actionTools(clients)];
}

export function registerTools(context: vscode.ExtensionContext, deps: FeatureDeps & ToolsLinks): void {
  // vscode.lm.registerTool arrived in VS Code 1.95; the engine range (^1.100.0) has it, but a
  // host without the chat stack may still leave `lm` out.
  if (typeof vscode.lm?.registerTool !== 'function') {
    deps.log.info('Language-model tools are not available in this editor; none registered.');
    return;
  }
  const clients = new ToolClients(deps.connections);
  const env = { log: deps.log, enabled: toolsEnabled, trusted: () => vscode.workspace.isTrusted };
  context.subscriptions.push(clients, ...allTools(clients, deps).map((tool) => vscode.lm.registerTool(tool.name, languageModelTool(tool, env))));
}
