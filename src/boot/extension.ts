// The extension's entry point (package.json `main`): loads the real bundle (dist/extension-bundle.js,
// built from src/extension.ts) through V8's code cache and hands activate()/deactivate() on. It
// imports nothing but Node built-ins the extension host has loaded already.
import path from 'node:path';
import type * as vscode from 'vscode';
import { loadWithCodeCache } from '../core/codeCache';

interface ExtensionModule {
  activate(context: vscode.ExtensionContext): unknown;
  deactivate?(): unknown;
}

let extension: ExtensionModule | undefined;

/** @public Whether this start ran V8's cached code (the activation benchmark checks it). */
export let startedFromCodeCache = false;

export function activate(context: vscode.ExtensionContext): unknown {
  const loaded = loadWithCodeCache(path.join(__dirname, 'extension-bundle.js'), context.globalStorageUri.fsPath, require);
  extension = loaded.exports as ExtensionModule;
  startedFromCodeCache = loaded.fromCache;
  const api = extension.activate(context);
  loaded.saveCacheSoon(); // after the views' first loads, so the cache holds what a start runs
  return api;
}

export function deactivate(): unknown {
  return extension?.deactivate?.();
}
