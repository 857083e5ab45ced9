// What every webview page needs from the host side: a nonce no page can guess (its Content-Security-
// Policy lets only scripts carrying it run), text escaped for HTML, and JSON safe inside <script>.
import { nodeCrypto } from '../../core/lazyNode';

export function webviewNonce(): string {
  return nodeCrypto().randomBytes(18).toString('base64');
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The same record with every value escaped (a page's labels, which translations may fill with quotes). */
export function escapeHtmlAll<T extends Record<string, string>>(labels: T): T {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, escapeHtml(v)])) as T;
}

/** JSON that is safe inside a <script> element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
