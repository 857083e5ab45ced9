// The read-only tools that send nothing anywhere: the key scan over the workspace or a path, and
// which providers are set up where.
import path from 'node:path';
import * as vscode from 'vscode';
import { PROVIDER_IDS, PROVIDERS } from '../../core/providers';
import { scanProject } from '../../core/scan';
import { optionalText, ToolInputError } from '../../core/tools/errors';
import { formatScanReport } from '../../core/tools/scan';
import { formatStatus } from '../../core/tools/status';
import type { ConnectionSource } from '../shared/connection';
import { describeSource } from '../shared/hosts';
import type { FolderScanSetup } from '../shared/scanSetup';
import { TOOL } from './names';
import type { SpeechTool } from './tool';

/** What the tools need from other features, wired in extension.ts. */
export interface ToolsLinks {
  /** The sandbox's origin while it runs (the sandbox feature). */
  sandboxOrigin(): string | undefined;
  /** The scan settings, team config and stored keys of a folder (the diagnostics feature). */
  scanSetup(folder: vscode.WorkspaceFolder): FolderScanSetup;
}

interface ScanInput {
  path?: string;
}

/** The folders to scan and, for a path, the path inside one of them. */
function scanTargets(input: ScanInput | undefined): { folder: vscode.WorkspaceFolder; paths?: string[] }[] {
  const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
  if (!folders.length) throw new ToolInputError('No folder on disk is open, so there is nothing to scan.');
  const wanted = optionalText(input?.path, 'path');
  if (!wanted) return folders.map((folder) => ({ folder }));
  for (const folder of folders) {
    const abs = path.resolve(folder.uri.fsPath, wanted);
    const rel = path.relative(folder.uri.fsPath, abs);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return [{ folder, paths: [abs] }];
  }
  throw new ToolInputError(`"${wanted}" is not inside an open workspace folder; only workspace files are scanned.`);
}

export function localTools(connections: ConnectionSource, links: ToolsLinks): SpeechTool<never>[] {
  const scan: SpeechTool<ScanInput> = {
    name: TOOL.scanForHardcodedKeys,
    sendsRequests: false,
    progress: (input) =>
      input?.path ? vscode.l10n.t('Scanning {0} for hard-coded API keys', input.path) : vscode.l10n.t('Scanning the workspace for hard-coded API keys'),
    async run(input, signal) {
      const reports = [];
      for (const { folder, paths } of scanTargets(input)) {
        const setup = links.scanSetup(folder);
        if (!setup.enabled) continue;
        const report = await scanProject({ ...setup.options, base: folder.uri.fsPath, paths, signal });
        reports.push({ folder: folder.name, report, baselined: setup.baselined });
      }
      if (!reports.length) return vscode.l10n.t('Hard-coded key detection is turned off ({0}).', 'speechApi.scan.enabled');
      return formatScanReport(reports);
    },
  };

  const status: SpeechTool<Record<string, never>> = {
    name: TOOL.speechApiStatus,
    sendsRequests: false,
    progress: () => vscode.l10n.t('Reading the Speech API setup'),
    async run() {
      const sandbox = links.sandboxOrigin();
      const providers = await Promise.all(
        PROVIDER_IDS.map(async (p) => {
          const host = connections.hosts.current(p);
          return {
            label: PROVIDERS[p].label,
            baseUrl: host.base.ok ? host.base.baseUrl : String(host.source.value ?? ''),
            problem: host.base.ok ? undefined : host.base.reason,
            source: describeSource(host.source),
            hasKey: await connections.hasKey(p),
            unconfirmed: host.unconfirmed,
            sandbox: !!sandbox && host.base.ok && host.base.origin === sandbox,
          };
        }),
      );
      return formatStatus(providers, sandbox, vscode.workspace.isTrusted);
    },
  };

  return [scan, status] as SpeechTool<never>[];
}
