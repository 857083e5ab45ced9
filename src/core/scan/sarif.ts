// SARIF 2.1.0 for GitHub code scanning: one run, every rule in tool.driver.rules, results located by
// URIs relative to the scan base (uriBaseId SRCROOT) and 1-based line/column regions.
import { pathToFileURL } from 'node:url';
import { isCustomRuleId } from './contentRules';
import type { ReportedFinding, ScanReport } from './reporting';
import { RULES, RULE_IDS, type RuleId, type Severity } from './rules';

/** The partialFingerprints key: GitHub matches results across runs by it (version it if the format changes). */
const FINGERPRINT_KEY = 'speechApiScanFingerprint/v1';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const TOOL_NAME = 'speech-api-scan';
const BASE_ID = 'SRCROOT';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

export function toSarif(report: ScanReport, toolVersion: string): object {
  const customIds = [...new Set(report.findings.map((f) => f.ruleId).filter(isCustomRuleId))].sort();
  const ruleIds: RuleId[] = [...RULE_IDS, ...customIds];
  const rules = ruleIds.map((id) => {
    const custom = isCustomRuleId(id) ? report.findings.find((f) => f.ruleId === id) : undefined;
    if (custom) return customRule(id, custom);
    const r = RULES[id];
    return {
      id,
      name: id.replace(/(^|-)(\w)/g, (_m, _d, c: string) => c.toUpperCase()),
      shortDescription: { text: r.title },
      fullDescription: { text: r.message },
      help: { text: r.help, markdown: `**${r.title}**\n\n${r.help}` },
      defaultConfiguration: { level: sarifLevel(r.defaultSeverity) },
      properties: {
        tags: ['security', 'secret', 'api-key'],
        precision: id === 'stored-api-key' || id === 'vurbo-api-key' ? 'very-high' : 'high',
        'security-severity': r.defaultSeverity === 'error' ? '9.0' : '7.0',
      },
    };
  });
  const results = report.findings.map((f) => {
    const inside = !f.relPath.startsWith('../');
    return {
      ruleId: f.ruleId,
      ruleIndex: ruleIds.indexOf(f.ruleId),
      level: sarifLevel(f.severity),
      message: { text: f.detail },
      locations: [
        {
          physicalLocation: {
            artifactLocation: inside
              ? { uri: f.relPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: BASE_ID }
              : { uri: pathToFileURL(f.file).href },
            region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
      properties: {
        provider: f.provider,
        gitStatus: f.history ? 'history' : f.status,
        fingerprint: f.fingerprint,
        ...historyProperties(f),
        ...(f.verification ? { verification: f.verification } : {}),
      },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: TOOL_NAME, version: toolVersion, semanticVersion: toolVersion, rules } },
        originalUriBaseIds: { [BASE_ID]: { uri: pathToFileURL(report.base + '/').href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !report.cancelled,
            toolExecutionNotifications: report.skipped.map((s) => ({
              level: 'note',
              message: { text: `Skipped ${s.relPath}: ${s.reason}.` },
              locations: [{ physicalLocation: { artifactLocation: { uri: s.relPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: BASE_ID } } }],
            })),
          },
        ],
        results,
      },
    ],
  };
}

function customRule(id: RuleId, example: ReportedFinding): object {
  const name = id.slice('custom/'.length);
  return {
    id,
    name: 'Custom' + name.replace(/(^|[-_.])(\w)/g, (_m, _d, c: string) => c.toUpperCase()).replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: `Custom rule ${name}` },
    fullDescription: { text: example.message },
    help: { text: `${example.message} (a custom rule from .speech-api-scan.json)`, markdown: `**Custom rule ${name}**\n\n${example.message}` },
    defaultConfiguration: { level: sarifLevel(example.severity) },
    properties: { tags: ['security', 'secret', 'custom'], precision: 'medium' },
  };
}

function historyProperties(f: ReportedFinding): object {
  const h = f.history;
  if (!h) return {};
  return {
    commit: h.first.commit,
    commitDate: h.first.date,
    author: h.first.author,
    lastCommit: h.last.commit,
    lastCommitDate: h.last.date,
    commits: h.commits,
    inWorkingTree: h.inWorkingTree,
  };
}
