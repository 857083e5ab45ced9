// Hard-coded key detection: pure scanning (no vscode), shared by the editor diagnostics and the CLI.
export { RULES, RULE_IDS, isRuleId, type Finding, type Rule, type RuleId, type Severity } from './rules';
export { scanText, CONTEXT_LINES, KEY_SPELLINGS, type ScanOptions, type TextOrigin } from './scanner';
export { IncrementalScan, stringLineSource, type LineSource, type TextChange } from './incremental';
export { StoredKeyMatcher, type StoredKeyEntry } from './storedKeys';
export { allowMarkers, ALLOW_MARKER, ALLOW_NEXT_LINE_MARKER } from './allow';
export { looksLikeKey, isPlaceholderVurboBody } from './placeholders';
export { scanFile, scanBytes, decode, isBinaryPath, DEFAULT_MAX_FILE_BYTES, type SkipReason, type BytesScanResult } from './fileScan';
export { walkFiles, findRepoRoot, toSlash, type WalkEntry, type WalkOptions } from './walker';
export { compileGlob, globMatcher, parseGitignore } from './glob';
export { GitRepo, GitClassifier, GitError, runGit, type GitStatus } from './git';
export { severityOf, describeFinding, parseSeverity, DEFAULT_POLICY, SEVERITIES, type SeverityPolicy } from './severity';
export { scanProject, scanStaged, type ProjectScanOptions, type ReportedFinding, type ScanReport } from './project';
export { excerptsFor } from './excerpts';
export { ScanPool, isScanWorker, runScanWorker } from './pool';
export { toSarif, sarifLevel, SARIF_SCHEMA, TOOL_NAME } from './sarif';
export { formatText, formatJson, summaryLine } from './format';
export { envReadFix, allowCommentLine, addToGitignore, commentSyntax, isEnvFile, pythonImportOs, stringContext, type EnvFix } from './fixes';
