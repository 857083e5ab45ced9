// The webviews' HTML shell (views/html.ts): the bundled script and stylesheet written into the page
// under a nonce-only Content-Security-Policy, and nothing in them able to close their element early.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import type * as vscode from 'vscode';
import { fakeVscode } from './featureHarness';

describe('features/views HTML shell', () => {
  let html: typeof import('../../src/features/views/html');
  let fake: ReturnType<typeof fakeVscode>;
  let dir: string;
  const webview = { cspSource: 'https://webview.test' } as vscode.Webview;

  before(() => {
    fake = fakeVscode();
    html = require('../../src/features/views/html');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'views-html-'));
    fs.mkdirSync(path.join(dir, 'dist', 'webview'), { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(script: string, css: string): void {
    fs.writeFileSync(path.join(dir, 'dist', 'webview', 'transcript.js'), script);
    fs.writeFileSync(path.join(dir, 'dist', 'webview', 'views.css'), css);
  }
  const page = (title = 'T', state: unknown = {}) => html.webviewHtml(webview, (fake.Uri as typeof vscode.Uri).file(dir), 'transcript', title, state);

  it('writes the script and stylesheet into the page, each under the nonce the policy names, and loads nothing else', () => {
    write('console.log("script ran");', 'body{color:red}');
    const out = page('A <b>"title"</b>', { title: '</script><script>alert(1)</script>' });
    const csp = /content="([^"]+)"/.exec(out)?.[1] ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    assert.match(csp, new RegExp(`style-src 'nonce-${nonce.replace(/[+/]/g, '\\$&')}'`));
    assert.ok(!csp.includes('unsafe'), csp);
    assert.ok(out.includes(`<style nonce="${nonce}">body{color:red}</style>`));
    assert.ok(out.includes(`<script nonce="${nonce}">console.log("script ran");</script>`));
    assert.ok(!/\ssrc=|<link/.test(out), 'no file is fetched by the page');
    assert.equal(out.match(/<\/script>/g)?.length, 2, 'the state cannot close its element');
    assert.ok(out.includes('<title>A &#60;b&#62;&#34;title&#34;&#60;/b&#62;</title>'));
  });

  it('keeps a bundle that mentions a closing tag inside its element, and reads a rebuilt bundle again', () => {
    write('const s = "</SCRIPT>" + "</style>" + "<!--<script>";', 'a::after{content:"</style>"}');
    const first = page();
    assert.equal(first.match(/<\/script/gi)?.length, 2);
    assert.equal(first.match(/<\/style/gi)?.length, 2, 'the script’s own "</style>" and the element’s end');
    assert.ok(first.includes('const s = "<\\/SCRIPT>" + "</style>" + "<\\x21--<script>";'), 'a script keeps its <!-- from escaping the element');
    assert.ok(first.includes('a::after{content:"<\\/style>"}'));
    // What the page's JavaScript reads from the escaped string is what the bundle said.
    assert.equal(vm.runInNewContext('"<\\/SCRIPT>" + "<\\x21--<script>"'), '</SCRIPT><!--<script>');
    const later = new Date(Date.now() + 5_000);
    write('console.log("rebuilt");', 'b{}');
    fs.utimesSync(path.join(dir, 'dist', 'webview', 'transcript.js'), later, later);
    fs.utimesSync(path.join(dir, 'dist', 'webview', 'views.css'), later, later);
    assert.ok(page().includes('console.log("rebuilt");'));
  });

  it('says so in the page when a bundle is missing, instead of throwing', () => {
    fs.rmSync(path.join(dir, 'dist', 'webview', 'transcript.js'));
    const out = page('Missing');
    assert.match(out, /<p role="alert">This view cannot open: its files are missing from the extension \(ENOENT/);
    assert.ok(!out.includes('<script'), out);
  });
});
