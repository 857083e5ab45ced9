// Keeps diagnostics for open documents: a full scan when a document opens, then — debounced — a rescan
// of only the lines around each edit (core/scan/incremental.ts), so a 10 MB file stays responsive.
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../shared/dispose';
import fs from 'node:fs';
import { globMatcher, IncrementalScan, keyOf, scanFile, type Finding, type LineSource, type StoredKeyMatcher } from '../../core/scan';
import { toDiagnostic } from './diagnostic';
import type { GitStatuses } from './gitStatus';
import type { ScanConfigs } from './scanConfigs';
import { readScanSettings } from './settings';
import { baselinedDisplay, judgeFindings, type JudgedFinding } from './teamRules';

const DEBOUNCE_MS = 200;
const SCHEMES = new Set(['file', 'untitled', 'vscode-userdata', 'vscode-remote']);

interface DocumentState {
  readonly scan: IncrementalScan;
  timer?: NodeJS.Timeout;
  /** What the last publish showed, as the team's config judged it. */
  judged: readonly JudgedFinding[];
  /** The findings with the config's custom rules and allowlist applied, for one scan result and document version. */
  withRules?: { readonly of: readonly Finding[]; readonly version: number; readonly findings: readonly Finding[] };
}

export interface DocumentScansDeps {
  readonly collection: vscode.DiagnosticCollection;
  readonly git: GitStatuses;
  readonly docs: vscode.Uri;
  readonly storedKeys: () => StoredKeyMatcher;
  readonly configs: ScanConfigs;
}

export class DocumentScans extends Disposable {
  private readonly states = new Map<string, DocumentState>();
  /** Set once a workspace scan ran: closed files then keep their findings (rescanned from disk). */
  keepClosedFiles = false;

  constructor(private readonly deps: DocumentScansDeps) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.open(d)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => this.change(e)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.close(d)));
    this.register(deps.git.onDidChange(() => this.republishAll()));
    this.register(
      toDisposable(() => {
        for (const s of this.states.values()) clearTimeout(s.timer);
        this.states.clear();
      }),
    );
    for (const d of vscode.workspace.textDocuments) this.open(d);
  }

  /** Full rescan of every open document (stored keys or settings changed). */
  rescanAll(): void {
    for (const d of vscode.workspace.textDocuments) this.rescan(d);
  }

  /** Full rescan of one document now, without the typing debounce (after a quick fix edited it). */
  rescan(doc: vscode.TextDocument): void {
    this.forget(doc.uri);
    this.open(doc);
  }

  /** Current findings of an open document (pending edits flushed first), the config's custom rules and allowlist applied. */
  findings(doc: vscode.TextDocument): readonly Finding[] {
    const state = this.states.get(doc.uri.toString());
    if (!state) return [];
    if (state.scan.pending) {
      clearTimeout(state.timer);
      state.scan.flush(lineSource(doc));
    }
    return this.withTeamRules(doc, state);
  }

  /**
   * The scan's findings plus the config's custom rules, without allowlisted keys. Code actions and
   * hovers ask on every cursor move, so the whole-text pass runs once per document version.
   */
  private withTeamRules(doc: vscode.TextDocument, state: DocumentState): readonly Finding[] {
    const content = this.deps.configs.forFile(doc.uri).content;
    if (!content) return state.scan.current;
    const cached = state.withRules;
    if (cached?.of === state.scan.current && cached.version === doc.version) return cached.findings;
    const text = doc.getText();
    const findings = [...state.scan.current.filter((f) => !content.isAllowed(keyOf(text, f))), ...content.find(text).findings];
    state.withRules = { of: state.scan.current, version: doc.version, findings };
    return findings;
  }

  isOpen(uri: vscode.Uri): boolean {
    return this.states.has(uri.toString());
  }

  private open(doc: vscode.TextDocument): void {
    if (!this.scannable(doc)) return;
    const state: DocumentState = { scan: new IncrementalScan({ storedKeys: this.deps.storedKeys() }), judged: [] };
    this.states.set(doc.uri.toString(), state);
    state.scan.reset(doc.getText());
    void this.publish(doc, state);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state) return this.open(e.document);
    if (!e.contentChanges.length) return;
    for (const c of e.contentChanges) {
      state.scan.applyChange({
        rangeOffset: c.rangeOffset,
        rangeLength: c.rangeLength,
        startLine: c.range.start.line,
        endLine: c.range.end.line,
        text: c.text,
      });
    }
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.scan.flush(lineSource(e.document));
      void this.publish(e.document, state);
    }, DEBOUNCE_MS);
  }

  private close(doc: vscode.TextDocument): void {
    if (!this.forget(doc.uri)) return;
    if (this.keepClosedFiles && doc.uri.scheme === 'file') void this.publishFromDisk(doc.uri);
    else this.deps.collection.delete(doc.uri);
  }

  private forget(uri: vscode.Uri): boolean {
    const state = this.states.get(uri.toString());
    if (state) clearTimeout(state.timer);
    return this.states.delete(uri.toString());
  }

  private republishAll(): void {
    for (const d of vscode.workspace.textDocuments) {
      const state = this.states.get(d.uri.toString());
      if (state) void this.publish(d, state);
    }
  }

  private async publish(doc: vscode.TextDocument, state: DocumentState): Promise<void> {
    const findings = state.scan.current;
    const settings = readScanSettings(doc.uri);
    const status = findings.length ? await this.deps.git.statusOf(doc.uri) : 'none';
    if (this.states.get(doc.uri.toString()) !== state || state.scan.current !== findings) return; // superseded meanwhile
    const text = doc.getText();
    const entry = this.deps.configs.forFile(doc.uri);
    state.judged = judgeFindings(
      this.withTeamRules(doc, state),
      doc.uri.fsPath,
      status,
      settings.policy,
      entry,
      (f) => keyOf(text, f),
      baselinedDisplay(doc.uri),
    );
    this.deps.collection.set(
      doc.uri,
      state.judged.map((j) => toDiagnostic(j.finding, status, j.severity, this.deps.docs, j.baselined)),
    );
  }

  /** What the last publish of an open document showed (for hovers: baseline and history notes). */
  judged(doc: vscode.TextDocument): readonly JudgedFinding[] {
    return this.states.get(doc.uri.toString())?.judged ?? [];
  }

  private async publishFromDisk(uri: vscode.Uri): Promise<void> {
    const settings = readScanSettings(uri);
    const entry = this.deps.configs.forFile(uri);
    const result = scanFile(uri.fsPath, { storedKeys: this.deps.storedKeys(), maxBytes: settings.maxBytes, content: entry.content });
    const status = result.findings.length ? await this.deps.git.statusOf(uri) : 'none';
    if (this.isOpen(uri)) return;
    if (!result.findings.length) return this.deps.collection.set(uri, []);
    // scanFile has applied the custom rules and the allowlist already; keyOf reads encoded keys too.
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    const judged = judgeFindings(result.findings, uri.fsPath, status, settings.policy, entry, (f) => keyOf(text, f), baselinedDisplay(uri));
    this.deps.collection.set(
      uri,
      judged.map((j) => toDiagnostic(j.finding, status, j.severity, this.deps.docs, j.baselined)),
    );
  }

  private scannable(doc: vscode.TextDocument): boolean {
    if (!SCHEMES.has(doc.uri.scheme)) return false;
    const settings = readScanSettings(doc.uri);
    if (!settings.enabled) return false;
    if (settings.exclude.length && globMatcher(settings.exclude)(vscode.workspace.asRelativePath(doc.uri, false))) return false;
    const last = doc.lineAt(doc.lineCount - 1).range.end;
    return doc.offsetAt(last) <= settings.maxBytes;
  }
}

/** The document as core/scan's LineSource: only the requested lines are copied out of the editor. */
function lineSource(doc: vscode.TextDocument): LineSource {
  return {
    lineCount: doc.lineCount,
    text: (from, to) => doc.getText(new vscode.Range(from, 0, to, 0)),
    offsetAt: (line) => doc.offsetAt(new vscode.Position(line, 0)),
  };
}
