// Key-leak audit: with a Vurbo and a Valossa key stored, run the commands and streams a user would,
// then search everything observable for either key: the screen (notifications, trees, hovers), every
// output channel, the clipboard after "Copy as curl", the files VS Code and the extension wrote (the
// workspace and code-server's user-data folder, logs included — code-server keeps secrets in the
// browser, so nothing on disk may hold a key), and the emulator's access log. It runs twice: with
// the hosts from the user's settings, and with the hosts from the folder's .vscode/settings.json
// (confirmed with "Use this host" when the key is set), since that path goes through more code.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { CONTAINER, newValossaJobFromUrl, setApiKey, startLiveSession, testApiKey, VIEW } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

for (const hostsFrom of ['user', 'workspace'] as const)
  describe(`key-leak audit: no stored key is observable anywhere (hosts from ${hostsFrom} settings)`, function () {
    const vurboKey = generateVurboKey();
    const valossaKey = generateValossaKey();
    const secrets = [vurboKey, vurboKey.slice(4), valossaKey];
    const vscode = useVsCode({
      emulator: { keys: { vurbo: vurboKey, valossa: valossaKey }, jobStepMs: 300 },
      settings: { 'speechApi.trace': true },
      files: { 'audio/short.wav': encodeWav(toneSamples(4, 16_000), 16_000), 'README.md': '# audit workspace\n' },
    });
    const seen: { where: string; text: string }[] = [];
    const observe = (where: string, text: string) => seen.push({ where, text });

    function leaksIn(text: string): string[] {
      return secrets.filter((s) => text.includes(s));
    }

    async function screen(where: string): Promise<void> {
      observe(`screen: ${where}`, await vscode.workbench.text());
    }

    before(async function () {
      this.timeout(TEST_TIMEOUTS.test);
      if (hostsFrom === 'workspace') {
        // The folder names the emulator; the user's own settings name nothing (the defaults).
        const { emulator, workspaceDir } = vscode;
        fs.mkdirSync(path.join(workspaceDir, '.vscode'), { recursive: true });
        fs.writeFileSync(
          path.join(workspaceDir, '.vscode/settings.json'),
          JSON.stringify({ 'speechApi.vurbo.baseUrl': emulator.vurboBaseUrl, 'speechApi.valossa.baseUrl': emulator.valossaBaseUrl }),
        );
        await vscode.updateSettings({ 'speechApi.vurbo.baseUrl': undefined, 'speechApi.valossa.baseUrl': undefined });
        // VS Code reads both files again on its own schedule: wait until both views name the folder's host.
        await vscode.workbench.openViewContainer(CONTAINER);
        for (const view of [VIEW.vurbo, VIEW.valossa]) {
          await vscode.workbench.poll(
            async () => /folder setting, not confirmed/.test(await (await vscode.workbench.view(view)).locator('.pane-header').first().innerText()),
            `${view} to name the folder's host`,
            LIMITS.roundTrip,
          );
        }
      }
      const confirmHost = hostsFrom === 'workspace';
      await setApiKey(vscode.workbench, 'vurbo', vurboKey, { confirmHost });
      await setApiKey(vscode.workbench, 'valossa', valossaKey, { confirmHost });
      await screen('after both keys were typed');
      await vscode.workbench.clearNotifications();
    });

    it('runs the key, Valossa and Vurbo commands and streams', async function () {
      this.timeout(TEST_TIMEOUTS.long);
      const { workbench, page, workspaceDir } = vscode;
      for (const p of ['vurbo', 'valossa'] as const) {
        const n = await testApiKey(workbench, p);
        assert.equal(n.severity, 'info', n.message);
        observe(`notification: test ${p}`, n.message);
      }
      await workbench.clearNotifications();
      await workbench.openViewContainer(CONTAINER);

      // Valossa: a new job followed to the end, its transcript and results, copy as curl.
      await newValossaJobFromUrl(workbench, 'https://media.example.com/videos/audit.mp4', 'Audit clip');
      await workbench.poll(
        async () => (await workbench.treeItems(VIEW.valossa)).some((r) => r.label === 'Audit clip' && /^Finished/.test(r.description)),
        'the audit job to finish',
        LIMITS.roundTrip,
      );
      observe('tooltip: Audit clip', await workbench.treeItemTooltip(VIEW.valossa, 'Audit clip'));
      await workbench.treeItemContextMenu(VIEW.valossa, 'Audit clip', 'Open Valossa Job Transcript…');
      await workbench.pickQuickPickItem('SRT subtitles');
      await workbench.poll(async () => /00:00:01,200/.test(await workbench.text()), 'the transcript editor', LIMITS.roundTrip);
      await workbench.treeItemContextMenu(VIEW.valossa, 'Audit clip', 'Open Valossa Job Results…');
      await workbench.pickQuickPickItem('Core metadata');
      await workbench.poll(async () => /version_info/.test(await workbench.text()), 'the core metadata editor', LIMITS.roundTrip);
      await screen('with Valossa results open');
      await workbench.treeItemContextMenu(VIEW.valossa, 'Audit clip', 'Copy as curl');
      await workbench.waitForNotification(/Copied a curl command; it reads the key from \$VALOSSA_API_KEY/);
      const clipboard = await page.evaluate(() =>
        (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText(),
      );
      observe('clipboard: copy as curl', clipboard);
      assert.match(clipboard, /api_key=\$\{VALOSSA_API_KEY\}/);
      await workbench.runCommand('View: Close All Editors');
      await workbench.clearNotifications();

      // Vurbo: a history stream into its output channel.
      await workbench.runCommand('Speech API: Focus on Vurbo Tasks View');
      await workbench.treeItemContextMenu(VIEW.vurbo, 'Weekly product review', 'Show Task Transcript');
      await workbench.poll(
        async () => (await workbench.outputChannelText('Vurbo: Weekly product review')).includes('— Finished.'),
        'the history stream',
        LIMITS.roundTrip,
      );
      observe('tooltip: Weekly product review', await workbench.treeItemTooltip(VIEW.vurbo, 'Weekly product review'));

      // Vurbo: a live session over WebSocket from a WAV file.
      await startLiveSession(workbench, path.join(workspaceDir, 'audio/short.wav'), 'Meeting Record');
      await workbench.poll(
        async () => /Streaming short\.wav/.test(await workbench.outputChannelText('Vurbo Live: short.wav').catch(() => '')),
        'the live session to stream',
        LIMITS.roundTrip,
      );
      await workbench.runCommand('Speech API: Stop Live Session');
      await workbench.waitForNotification(/^Live session finished/, { timeoutMs: LIMITS.flow });
      await screen('after the live session');
      await workbench.clearNotifications();

      // The workspace scan (it compares text with the stored keys in memory).
      await workbench.runCommand('Speech API: Scan Workspace for Hard-Coded API Keys');
      await workbench.waitForNotification(/^(Found \d+ hard-coded API keys?|No hard-coded API keys)/, { timeoutMs: LIMITS.flow });
      await screen('after the workspace scan');
    });

    it('finds neither key in any output channel, on screen or on the clipboard', async () => {
      const { workbench } = vscode;
      for (const channel of ['Speech API', 'Vurbo: Weekly product review', 'Vurbo Live: short.wav']) {
        observe(`output: ${channel}`, await workbench.outputChannelText(channel));
      }
      const log = seen.find((s) => s.where === 'output: Speech API')!.text;
      assert.match(log, /valossa GET .*api_key=\*\*\*\*/, 'request tracing was on and redacted');
      for (const view of [VIEW.valossa, VIEW.vurbo]) {
        await workbench.runCommand(`Speech API: Focus on ${view} View`);
        observe(`tree: ${view}`, (await workbench.treeItems(view)).map((r) => `${r.label} ${r.description} ${r.ariaLabel}`).join('\n'));
      }
      const leaks = seen.flatMap((s) => leaksIn(s.text).map((k) => `${s.where} shows ${k === valossaKey ? 'the Valossa key' : 'the Vurbo key'}`));
      assert.deepEqual(leaks, []);
      assert.ok(seen.length >= 10, `audited ${seen.length} places`);
    });

    it('finds neither key in any file of the workspace or of the user-data folder (logs included)', () => {
      const found: string[] = [];
      let files = 0;
      const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, entry.name);
          if (entry.isDirectory()) walk(p);
          else if (entry.isFile() && fs.statSync(p).size < 20 * 1024 * 1024) {
            files++;
            const text = fs.readFileSync(p, 'latin1');
            for (const k of leaksIn(text)) found.push(`${path.relative(path.dirname(dir), p)} holds ${k === valossaKey ? 'the Valossa key' : 'the Vurbo key'}`);
          }
        }
      };
      walk(vscode.workspaceDir);
      walk(vscode.userDataDir);
      assert.ok(files > 10, `searched ${files} files`);
      assert.deepEqual(found, []);
    });

    it('sent the Vurbo key only in headers and the Valossa key only where the API demands it', () => {
      const log = vscode.emulator.server.accessLog;
      const urls = log.map((e) => e.url);
      assert.deepEqual(
        urls.filter((u) => u.includes(vurboKey) || u.includes(vurboKey.slice(4))),
        [],
        'no Vurbo key in any URL',
      );
      const sse = log.filter((e) => e.url.startsWith('/api/v1/sse/'));
      assert.ok(sse.length >= 1);
      for (const e of sse) {
        assert.equal(e.headers['x-api-key'], vurboKey, 'SSE authenticates with the header');
        assert.ok(!/[?&]api_key=/.test(e.url), 'never with ?api_key=');
      }
      for (const e of log.filter((x) => x.url.startsWith('/ws'))) assert.ok(!JSON.stringify(e.headers).includes(vurboKey), 'no key in the WebSocket handshake');
      // Valossa documents api_key as a query parameter of its GET endpoints; anywhere else is a leak.
      const valossaInUrls = log.filter((e) => e.url.includes(valossaKey));
      assert.ok(valossaInUrls.length >= 1);
      for (const e of valossaInUrls) assert.match(`${e.method} ${e.url}`, /^GET \/core\/1\.0\/(job_status|job_results|list_jobs)\?(.*&)?api_key=/);
    });
  });
