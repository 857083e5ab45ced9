// How a folder is scanned as a whole: its scan settings, team config, baseline and the stored keys.
// The workspace scan uses it, and other features get it through DiagnosticsApi (the tools' key scan),
// so both report the same findings.
import * as vscode from 'vscode';
import type { StoredKeyMatcher } from '../../core/scan';
import type { FolderScanSetup } from '../shared/scanSetup';
import type { ScanConfigs } from './scanConfigs';
import { filesExcludeGlobs, readScanSettings } from './settings';

export function folderScanSetup(folder: vscode.WorkspaceFolder, configs: ScanConfigs, storedKeys: StoredKeyMatcher): FolderScanSetup {
  const settings = readScanSettings(folder.uri);
  const team = configs.forFolder(folder);
  return {
    enabled: settings.enabled,
    options: {
      config: team.config,
      trusted: vscode.workspace.isTrusted,
      exclude: [...filesExcludeGlobs(folder.uri), ...settings.exclude],
      policy: settings.policy,
      maxBytes: settings.maxBytes,
      storedKeys,
    },
    baselined: new Set(team.baseline?.entries.map((e) => e.fingerprint)),
  };
}
