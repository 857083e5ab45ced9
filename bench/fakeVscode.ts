// A stand-in for the `vscode` module, so benchmarks can load extension code in plain Node. The few
// classes whose state the measured code reads back (TreeItem, EventEmitter, Uri, …) are small real
// implementations; everything else is a stub: any property is a callable, constructible stub that
// returns another stub, awaiting one yields the stub itself, iterating one yields nothing.
// Not a VS Code emulation: it is only good for timing code paths, not for checking what they do.
import fs from 'node:fs';
import Module from 'node:module';

type Listener<T> = (e: T) => unknown;

class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => items.forEach((i) => i.dispose()));
  }
  constructor(private readonly onDispose: () => unknown = () => undefined) {}
  dispose(): void {
    this.onDispose();
  }
}

class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(e: T): void {
    for (const l of this.listeners) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

class TreeItem {
  id?: string;
  description?: string | boolean;
  tooltip?: unknown;
  iconPath?: unknown;
  contextValue?: string;
  command?: unknown;
  resourceUri?: unknown;
  label?: unknown;
  collapsibleState?: number;
  constructor(labelOrUri: unknown, collapsibleState = 0) {
    if (typeof labelOrUri === 'string' || (typeof labelOrUri === 'object' && labelOrUri && 'label' in labelOrUri)) this.label = labelOrUri;
    else this.resourceUri = labelOrUri;
    this.collapsibleState = collapsibleState;
  }
}

class ThemeIcon {
  static readonly File = new ThemeIcon('file');
  static readonly Folder = new ThemeIcon('folder');
  constructor(
    readonly id: string,
    readonly color?: unknown,
  ) {}
}

/** Real, so `instanceof vscode.CancellationError` tells a cancellation from other errors. */
class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

/** Real, so tool results can be read back. */
class LanguageModelTextPart {
  constructor(public value: string) {}
}

class LanguageModelToolResult {
  constructor(public content: unknown[]) {}
}

class ThemeColor {
  constructor(readonly id: string) {}
}

class MarkdownString {
  isTrusted?: boolean;
  supportThemeIcons?: boolean;
  constructor(
    public value = '',
    supportThemeIcons = false,
  ) {
    this.supportThemeIcons = supportThemeIcons;
  }
  appendMarkdown(s: string): this {
    this.value += s;
    return this;
  }
  appendText(s: string): this {
    this.value += s.replace(/[\\`*_{}[\]()#+\-.!]/g, '\\$&');
    return this;
  }
  appendCodeblock(code: string, language = ''): this {
    this.value += `\n\`\`\`${language}\n${code}\n\`\`\`\n`;
    return this;
  }
}

class Uri {
  private constructor(
    readonly scheme: string,
    readonly authority: string,
    readonly path: string,
    readonly query: string,
    readonly fragment: string,
  ) {}
  static parse(value: string): Uri {
    const u = new URL(value);
    return new Uri(u.protocol.replace(/:$/, ''), u.host, u.pathname, u.search.replace(/^\?/, ''), u.hash.replace(/^#/, ''));
  }
  static file(path: string): Uri {
    return new Uri('file', '', path, '', '');
  }
  static from(c: { scheme: string; authority?: string; path?: string; query?: string; fragment?: string }): Uri {
    return new Uri(c.scheme, c.authority ?? '', c.path ?? '', c.query ?? '', c.fragment ?? '');
  }
  static joinPath(base: Uri, ...segments: string[]): Uri {
    return new Uri(base.scheme, base.authority, [base.path, ...segments].join('/').replace(/\/+/g, '/'), base.query, base.fragment);
  }
  get fsPath(): string {
    return this.path;
  }
  with(c: Partial<{ scheme: string; authority: string; path: string; query: string; fragment: string }>): Uri {
    return new Uri(c.scheme ?? this.scheme, c.authority ?? this.authority, c.path ?? this.path, c.query ?? this.query, c.fragment ?? this.fragment);
  }
  toString(): string {
    return `${this.scheme}://${this.authority}${this.path}${this.query ? `?${this.query}` : ''}${this.fragment ? `#${this.fragment}` : ''}`;
  }
}

const ENUMS = {
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  StatusBarAlignment: { Left: 1, Right: 2 },
  ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  QuickPickItemKind: { Separator: -1, Default: 0 },
  EndOfLine: { LF: 1, CRLF: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
};

/** A callable, constructible stub: every property is another stub (cached, so identity holds). */
export function stub(): unknown {
  const children = new Map<PropertyKey, unknown>();
  const target = function () {
    /* stub */
  };
  const proxy: unknown = new Proxy(target, {
    get(t, prop) {
      if (prop === 'then') return undefined; // not a thenable: `await stub` is the stub
      if (prop === Symbol.toPrimitive) return () => '';
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'prototype') return t.prototype;
      let child = children.get(prop);
      if (!child) children.set(prop, (child = stub()));
      return child;
    },
    set(_t, prop, value) {
      children.set(prop, value);
      return true;
    },
    apply: () => stub(),
    construct: (_t, _args, newTarget: { prototype: object }) => Object.create(newTarget.prototype) as object,
  });
  return proxy;
}

function configuration(): unknown {
  return {
    get: (_key: string, fallback?: unknown) => fallback,
    has: () => false,
    inspect: () => undefined,
    update: async () => undefined,
  };
}

/**
 * The top-level names of the real API (from @types/vscode). Bundlers copy a module's own properties
 * (`import * as vscode`), so the fake must have every name as an own property, not only on access.
 */
function apiNames(): string[] {
  const text = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  return [...text.matchAll(/^\s+export (?:class|namespace|enum|const|let|function) (\w+)/gm)].map((m) => m[1]);
}

/** The `vscode` module: the real classes above, known enums, configuration defaults, stubs for the rest. */
export function fakeVscode(): Record<string, unknown> {
  const known: Record<string, unknown> = {};
  for (const name of apiNames()) known[name] = stub();
  Object.assign(known, {
    Disposable,
    EventEmitter,
    TreeItem,
    ThemeIcon,
    ThemeColor,
    MarkdownString,
    Uri,
    CancellationError,
    LanguageModelTextPart,
    LanguageModelToolResult,
    ...ENUMS,
  });
  const workspace = stub() as Record<string, unknown>;
  workspace.getConfiguration = configuration;
  workspace.workspaceFolders = undefined;
  workspace.textDocuments = [];
  known.workspace = workspace;
  const l10n = stub() as Record<string, unknown>;
  l10n.t = (message: string | { message: string }, ...args: unknown[]) =>
    (typeof message === 'string' ? message : message.message).replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)]));
  known.l10n = l10n;
  return known;
}

function memento(): unknown {
  const values = new Map<string, unknown>();
  return {
    get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback),
    update: async (key: string, value: unknown) => void values.set(key, value),
    keys: () => [...values.keys()],
    setKeysForSync: () => undefined,
  };
}

/** An ExtensionContext with working subscriptions, Mementos and an empty SecretStorage. */
export function fakeContext(extensionPath: string): { subscriptions: { dispose(): unknown }[] } & Record<string, unknown> {
  const secrets = new Map<string, string>();
  const changed = new EventEmitter<{ key: string }>();
  const context: Record<string, unknown> = {
    subscriptions: [],
    extensionPath,
    extensionUri: Uri.file(extensionPath),
    globalState: memento(),
    workspaceState: memento(),
    secrets: {
      get: async (key: string) => secrets.get(key),
      store: async (key: string, value: string) => void secrets.set(key, value),
      delete: async (key: string) => void secrets.delete(key),
      keys: async () => [...secrets.keys()],
      onDidChange: changed.event,
    },
    globalStorageUri: Uri.file(`${extensionPath}/.global-storage`),
    storageUri: undefined,
    logUri: Uri.file(`${extensionPath}/.log`),
    extensionMode: 1,
    asAbsolutePath: (p: string) => `${extensionPath}/${p}`,
  };
  return new Proxy(context, { get: (t, prop) => (prop in t ? t[prop as string] : (stub() as unknown)) }) as ReturnType<typeof fakeContext>;
}

const FAKE_ID = '\0fake-vscode';

/** Makes `require('vscode')` return `fakeVscode()` in this process. */
export function installFakeVscode(): Record<string, unknown> {
  const exports = fakeVscode();
  const M = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };
  const resolve = M._resolveFilename;
  M._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? FAKE_ID : resolve.call(this, request, ...rest);
  };
  const mod = new Module(FAKE_ID);
  mod.filename = FAKE_ID;
  mod.loaded = true;
  mod.exports = exports;
  require.cache[FAKE_ID] = mod;
  return exports;
}
