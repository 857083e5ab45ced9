// --verify on the command line: read each finding's key again (in memory), ask its provider once per
// distinct key, and put the verdicts on the report. What is sent where is fixed in core/keyVerify.ts.
import { KeyVerifier, type Verdict } from '../core/keyVerify';
import { keysOfReport, withVerdicts, type KeySource, type ScanConfig, type ScanReport } from '../core/scan';

export interface Verified {
  readonly report: ScanReport;
  /** One line for stderr: how many distinct keys were checked and what came back. Key-free. */
  readonly line: string;
}

export async function verifyReport(report: ScanReport, config: ScanConfig, source: KeySource): Promise<Verified> {
  if (!report.findings.length) return { report, line: 'Verified no keys: nothing was found.' };
  const keys = await keysOfReport(report, config, source);
  const verifier = new KeyVerifier({ concurrency: 4 });
  const verdicts = new Map<string, Verdict>();
  const distinct = new Map<string, Verdict>(); // per key, in memory only, for the tally
  await Promise.all(
    [...keys].map(async ([fp, { provider, key }]) => {
      const verdict = await verifier.verify(provider, key);
      verdicts.set(fp, verdict);
      distinct.set(`${provider}\0${key}`, verdict);
    }),
  );
  const counts = new Map<string, number>();
  for (const v of distinct.values()) counts.set(v.state, (counts.get(v.state) ?? 0) + 1);
  const tally = ['live', 'rejected', 'unknown'].map((s) => `${counts.get(s) ?? 0} ${s}`).join(', ');
  const unread = report.findings.length - verdicts.size;
  const note = unread > 0 ? ` (${unread} finding${unread === 1 ? '' : 's'} whose key could not be read again: not verified)` : '';
  return {
    report: withVerdicts(report, verdicts),
    line: `Verified ${verifier.checked} distinct key${verifier.checked === 1 ? '' : 's'} with the providers' official hosts: ${tally}${note}.`,
  };
}
