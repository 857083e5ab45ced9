// In restricted mode VS Code ignores a folder's base-URL settings (they are restricted
// configurations), and so do we. Say so once per folder, so nobody wonders why the folder's host
// is not used, with the two ways on: trust the folder, or look at the setting. VS Code leaves
// restricted values out of inspect() in restricted mode, so the settings files are read here.
import type * as Jsonc from 'jsonc-parser';
import * as vscode from 'vscode';
import { PROVIDER_IDS, type ProviderId } from '../../core/providers';
import { showNotice } from '../shared/notice';
import { baseUrlSetting } from '../shared/settings';

const SHOWN_KEY = 'speechApi.restrictedHostNoticeShown';

/** Loaded on first use (its own bundle next to the extension): only an untrusted window needs it. */
function loadJsonc(): typeof Jsonc {
  return require('jsonc-parser') as typeof Jsonc;
}

async function readSettings(uri: vscode.Uri, inWorkspaceFile: boolean): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = loadJsonc().parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    const settings = inWorkspaceFile ? (parsed as { settings?: unknown } | undefined)?.settings : parsed;
    return typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>) : {};
  } catch {
    return {}; // no such file, or not JSON: nothing set there
  }
}

/** Which base-URL settings the opened folders or workspace file set, and the first file that does. */
async function workspaceBaseUrls(): Promise<{ providers: ProviderId[]; file?: vscode.Uri }> {
  const files = [
    ...(vscode.workspace.workspaceFile?.scheme === 'file' ? [{ uri: vscode.workspace.workspaceFile, inWorkspaceFile: true }] : []),
    ...(vscode.workspace.workspaceFolders ?? []).map((f) => ({ uri: vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json'), inWorkspaceFile: false })),
  ];
  const providers = new Set<ProviderId>();
  let first: vscode.Uri | undefined;
  for (const { uri, inWorkspaceFile } of files) {
    const settings = await readSettings(uri, inWorkspaceFile);
    for (const p of PROVIDER_IDS) {
      const value = settings[baseUrlSetting(p)];
      if (typeof value === 'string' && value.trim()) {
        providers.add(p);
        first ??= uri;
      }
    }
  }
  return { providers: PROVIDER_IDS.filter((p) => providers.has(p)), file: first };
}

export async function noticeIgnoredWorkspaceHosts(context: vscode.ExtensionContext): Promise<void> {
  if (vscode.workspace.isTrusted || context.workspaceState.get<boolean>(SHOWN_KEY)) return;
  const { providers, file } = await workspaceBaseUrls();
  if (!providers.length) return;
  await context.workspaceState.update(SHOWN_KEY, true);
  const settings = providers.map(baseUrlSetting).join(vscode.l10n.t(' and '));
  const text = vscode.l10n.t(
    'This folder sets {0}, which VS Code ignores until you trust the folder: the host comes from your own settings or the default meanwhile. Trusting the folder still asks before any key goes to its host.',
    settings,
  );
  await showNotice('warning', text, [
    { label: vscode.l10n.t('Manage Workspace Trust'), run: () => vscode.commands.executeCommand('workbench.trust.manage') },
    { label: vscode.l10n.t('Show Setting'), run: () => file && vscode.window.showTextDocument(file) },
  ]);
}
