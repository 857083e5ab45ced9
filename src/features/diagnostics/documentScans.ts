// Keeps diagnostics for open documents: a full scan when a document opens, then — debounced — a rescan
// of only the lines around each edit (core/scan/incremental.ts), so a 10 MB file stays responsive.
import * as vscode from 'vscode';
import { Disposable, toDisposable } from '../shared/dispose';
import { globMatcher, IncrementalScan, scanFile, severityOf, type Finding, type LineSource, type StoredKeyMatcher } from '../../core/scan';
import { toDiagnostic } from './diagnostic';
import type { GitStatuses } from './gitStatus';
import { readScanSettings } from './settings';

const DEBOUNCE_MS = 200;
const SCHEMES = new Set(['file', 'untitled', 'vscode-userdata', 'vscode-remote']);

interface DocumentState {
  readonly scan: IncrementalScan;
  timer?: NodeJS.Timeout;
}

export interface DocumentScansDeps {
  readonly collection: vscode.DiagnosticCollection;
  readonly git: GitStatuses;
  readonly docs: vscode.Uri;
  readonly storedKeys: () => StoredKeyMatcher;
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
    for (const d of vscode.workspace.textDocuments) {
      this.forget(d.uri);
      this.open(d);
    }
  }

  /** Current findings of an open document (pending edits flushed first). */
  findings(doc: vscode.TextDocument): readonly Finding[] {
    const state = this.states.get(doc.uri.toString());
    if (!state) return [];
    if (state.scan.pending) {
      clearTimeout(state.timer);
      state.scan.flush(lineSource(doc));
    }
    return state.scan.current;
  }

  isOpen(uri: vscode.Uri): boolean {
    return this.states.has(uri.toString());
  }

  private open(doc: vscode.TextDocument): void {
    if (!this.scannable(doc)) return;
    const state: DocumentState = { scan: new IncrementalScan({ storedKeys: this.deps.storedKeys() }) };
    this.states.set(doc.uri.toString(), state);
    state.scan.reset(doc.getText());
    void this.publish(doc, state);
  }

  private change(e: vscode.TextDocumentChangeEvent): void {
    const state = this.states.get(e.document.uri.toString());
    if (!state) return this.open(e.document);
    if (!e.contentChanges.length) return;
    for (const c of e.contentChanges) {
      state.scan.applyChange({ rangeOffset: c.rangeOffset, rangeLength: c.rangeLength, startLine: c.range.start.line, endLine: c.range.end.line, text: c.text });
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
    const diagnostics: vscode.Diagnostic[] = [];
    for (const f of findings) {
      const severity = severityOf(f, status, settings.policy);
      if (severity) diagnostics.push(toDiagnostic(f, status, severity, this.deps.docs));
    }
    this.deps.collection.set(doc.uri, diagnostics);
  }

  private async publishFromDisk(uri: vscode.Uri): Promise<void> {
    const settings = readScanSettings(uri);
    const result = scanFile(uri.fsPath, { storedKeys: this.deps.storedKeys(), maxBytes: settings.maxBytes });
    const status = result.findings.length ? await this.deps.git.statusOf(uri) : 'none';
    if (this.isOpen(uri)) return;
    const diagnostics = result.findings.flatMap((f) => {
      const severity = severityOf(f, status, settings.policy);
      return severity ? [toDiagnostic(f, status, severity, this.deps.docs)] : [];
    });
    this.deps.collection.set(uri, diagnostics);
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
