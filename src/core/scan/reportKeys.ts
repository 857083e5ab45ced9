// The keys behind a report's findings, for --verify only: a report holds fingerprints, never keys, so
// each file with a finding is read again (the working tree, the index for --staged, the commit that
// added it for --history), scanned, and its keys matched to the findings by fingerprint. In memory only.
import fs from 'node:fs';
import path from 'node:path';
import type { ProviderId } from '../providers';
import { contentRuleSpec, type ScanConfig } from './config';
import { ContentRules } from './contentRules';
import { decode } from './fileScan';
import { fingerprint, keyDigest } from './fingerprint';
import { GitRepo, runGit } from './git';
import { keyOf } from './keyOf';
import type { ReportedFinding, ScanReport } from './reporting';
import type { Finding } from './rules';
import { scanText } from './scanner';

export interface FoundKey {
  readonly provider: ProviderId;
  readonly key: string;
}

export type KeySource = 'worktree' | 'staged' | 'history';

/** Fingerprint → key for every finding of `report` whose key could be read again. */
export async function keysOfReport(report: ScanReport, config: ScanConfig, source: KeySource): Promise<Map<string, FoundKey>> {
  const out = new Map<string, FoundKey>();
  const groups = new Map<string, ReportedFinding[]>();
  for (const f of report.findings) {
    const id = `${f.file}\0${f.history?.first.commit ?? ''}`;
    groups.set(id, [...(groups.get(id) ?? []), f]);
  }
  const repo = source === 'worktree' ? undefined : await GitRepo.open(report.base);
  const content = new ContentRules(contentRuleSpec(config, true));
  for (const findings of groups.values()) {
    const text = await readSource(findings[0], source, repo);
    if (text === undefined) continue;
    const wanted = new Set(findings.map((f) => f.fingerprint));
    const candidates: Finding[] = [...scanText(text), ...content.find(text).findings];
    for (const c of candidates) {
      const key = keyOf(text, c);
      const fp = fingerprint({ ruleId: c.ruleId, path: findings[0].fingerprintPath, keyDigest: keyDigest(key) }, config.salt);
      if (wanted.has(fp)) out.set(fp, { provider: c.provider, key });
    }
  }
  return out;
}

async function readSource(f: ReportedFinding, source: KeySource, repo: GitRepo | undefined): Promise<string | undefined> {
  if (source === 'worktree') {
    try {
      return decode(fs.readFileSync(f.file));
    } catch {
      return undefined;
    }
  }
  if (!repo) return undefined;
  const rel = path.relative(repo.root, realPath(f.file)).split(path.sep).join('/');
  const spec = source === 'staged' ? `:${rel}` : `${f.history?.first.commit}:${rel}`;
  const r = await runGit(repo.root, ['show', spec]);
  return r.code === 0 ? decode(r.stdout) : undefined;
}

function realPath(file: string): string {
  try {
    return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
  } catch {
    return file;
  }
}
