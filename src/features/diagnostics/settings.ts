// The `speechApi.scan.*` settings, read per resource so folder settings apply.
import * as vscode from 'vscode';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_POLICY, parseSeverity, type SeverityPolicy } from '../../core/scan';

export interface ScanSettings {
  readonly enabled: boolean;
  readonly policy: SeverityPolicy;
  /** `speechApi.scan.exclude` globs. */
  readonly exclude: string[];
  readonly maxBytes: number;
}

export function readScanSettings(scope?: vscode.Uri): ScanSettings {
  const c = vscode.workspace.getConfiguration('speechApi.scan', scope);
  const mb = c.get<number>('maxFileSizeMB');
  return {
    enabled: c.get<boolean>('enabled', true),
    policy: {
      committed: parseSeverity(c.get('severity.committed'), DEFAULT_POLICY.committed),
      untracked: parseSeverity(c.get('severity.untracked'), DEFAULT_POLICY.untracked),
      ignored: parseSeverity(c.get('severity.ignored'), DEFAULT_POLICY.ignored),
      includeIgnored: c.get<boolean>('includeIgnored', false),
    },
    exclude: (c.get<string[]>('exclude') ?? []).filter((g) => typeof g === 'string' && g.trim()),
    maxBytes: typeof mb === 'number' && mb > 0 ? Math.round(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES,
  };
}

/** The globs `files.exclude` switches on for a folder (`{ "**\/.git": true }`). */
export function filesExcludeGlobs(scope: vscode.Uri): string[] {
  const map = vscode.workspace.getConfiguration('files', scope).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(map)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}
