// How a folder is scanned for keys as a whole (settings, team config, baseline, stored keys): built
// by the diagnostics feature, used by its workspace scan and by the tools' key scan through a link.
import type { ProjectScanOptions } from '../../core/scan';

export interface FolderScanSetup {
  /** `speechApi.scan.enabled` for the folder. */
  readonly enabled: boolean;
  readonly options: Omit<ProjectScanOptions, 'base' | 'paths' | 'signal' | 'onProgress'>;
  /** Fingerprints in the folder's baseline. */
  readonly baselined: ReadonlySet<string>;
}
