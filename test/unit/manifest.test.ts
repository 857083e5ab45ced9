// The manifest as users meet it: every string localisable and resolved, every linked command real,
// every menu command with an icon, every setting described and scoped, walkthrough media shipped.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { allCommandIds } from '../../src/features/shared/commandIds';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const nls: Record<string, string> = JSON.parse(fs.readFileSync(path.join(root, 'package.nls.json'), 'utf8'));
const contributes = manifest.contributes;
const commandIds = new Set<string>(contributes.commands.map((c: { command: string }) => c.command));

function strings(value: unknown, at: string, out: { at: string; value: string }[] = []): { at: string; value: string }[] {
  if (typeof value === 'string') out.push({ at, value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${at}[${i}]`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${at}.${k}`, out);
  return out;
}

const resolve = (s: string) => s.replace(/^%(.+)%$/, (_, key: string) => nls[key] ?? `<missing ${key}>`);

describe('manifest', () => {
  it('takes every user-facing string from package.nls.json, and every key there is used', () => {
    const userFacing =
      /\.(title|displayName|description|markdownDescription|name|contextualTitle|contents|enumDescriptions\[\d+\]|markdownEnumDescriptions\[\d+\])$/;
    const all = strings({ displayName: manifest.displayName, description: manifest.description, contributes }, 'manifest');
    // A language-model tool's `name` is its id (what vscode.lm.invokeTool takes), not a label.
    const bare = all.filter((s) => userFacing.test(s.at) && !/^%.+%$/.test(s.value) && !/\.languageModelTools\[\d+\]\.name$/.test(s.at));
    assert.deepEqual(
      bare.map((s) => s.at),
      [],
    );
    const used = new Set(all.map((s) => /^%(.+)%$/.exec(s.value)?.[1]).filter(Boolean));
    assert.deepEqual(
      [...used].filter((k) => !(k! in nls)),
      [],
      'placeholders without a string',
    );
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'strings no one uses',
    );
  });

  it('contributes every command of the typed table that users can reach, and nothing the code does not register', () => {
    const registered = new Set<string>(allCommandIds());
    assert.deepEqual(
      [...commandIds].filter((id) => !registered.has(id)),
      [],
      'contributed but not in COMMAND',
    );
    // Registered but not contributed on purpose: status-bar menus, tree-row actions, quick-fix commands.
    const internal = [...registered].filter((id) => !commandIds.has(id)).sort();
    assert.deepEqual(internal, [
      'speechApi.sandbox.showMenu',
      'speechApi.scan.addToGitignore',
      'speechApi.scan.moveKeyToEnvironment',
      'speechApi.scan.openHistoryFinding',
      'speechApi.streams.showRunning',
      'speechApi.vurbo.liveSessionMenu',
      'speechApi.vurbo.loadMoreBroadcasts',
      'speechApi.vurbo.openTask',
    ]);
  });

  it('links only to commands that exist, from welcome views and the walkthrough', () => {
    const linked = strings(contributes, 'contributes').flatMap((s) => [...resolve(s.value).matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]));
    assert.ok(linked.length >= 10);
    const unknown = linked.filter((id) => !commandIds.has(id) && !id.startsWith('workbench.'));
    assert.deepEqual(unknown, []);
  });

  it('gives every command shown in a view title or inline an icon, and every menu entry a real command', () => {
    const menus = contributes.menus as Record<string, { command: string; group?: string }[]>;
    const missing: string[] = [];
    for (const [menu, items] of Object.entries(menus)) {
      for (const item of items) {
        assert.ok(commandIds.has(item.command), `${menu} → ${item.command} is contributed`);
        const shownAsIcon = menu === 'view/title' ? item.group?.startsWith('navigation') : item.group?.startsWith('inline');
        const command = contributes.commands.find((c: { command: string }) => c.command === item.command);
        if (shownAsIcon && !command.icon) missing.push(item.command);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('describes and scopes every setting', () => {
    for (const [name, p] of Object.entries<Record<string, unknown>>(contributes.configuration.properties)) {
      const text = resolve(String(p.markdownDescription ?? p.description ?? ''));
      assert.ok(text.length > 20, `${name} has a description`);
      assert.ok(
        ['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(String(p.scope)),
        `${name} has a scope`,
      );
      assert.ok('default' in p, `${name} has a default`);
      if (Array.isArray(p.enum)) assert.equal((p.enumDescriptions as unknown[] | undefined)?.length, p.enum.length, `${name} describes each value`);
    }
  });

  it('has a walkthrough whose media ship in the VSIX and whose steps complete on real events', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!media\/walkthrough\/\*\*$/m);
    assert.match(ignore, /^!package\.nls\.json$/m);
    const [walkthrough] = contributes.walkthroughs;
    assert.ok(walkthrough.steps.length >= 4);
    for (const step of walkthrough.steps) {
      assert.ok(fs.existsSync(path.join(root, step.media.markdown)), step.media.markdown);
      assert.ok(step.completionEvents?.length, `${step.id} completes by itself`);
      for (const e of step.completionEvents as string[]) {
        const command = /^onCommand:(.+)$/.exec(e)?.[1];
        if (command) assert.ok(commandIds.has(command) || command.startsWith('workbench.view.extension.'), e);
      }
    }
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
  it('documents every command and every setting', () => {
    const undocumented = [...commandIds, ...Object.keys(contributes.configuration.properties)].filter((id) => !readme.includes(`\`${id}\``));
    assert.deepEqual(undocumented, []);
  });

  it('shows only screenshots that exist and ship', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3);
    for (const image of images) {
      assert.ok(fs.existsSync(path.join(root, image)), image);
      assert.match(image, /^media\/screenshots\/[\w-]+\.png$/, 'shipped by .vscodeignore (media/screenshots/*.png)');
    }
  });
});
