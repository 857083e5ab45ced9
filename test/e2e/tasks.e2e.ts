// Vurbo tasks in real VS Code: the Tasks tree over the sandbox's seeded tasks, a history transcript
// streamed into an output channel and read there, an SRT export opened in an editor, renaming and
// pinning from the tree, importing a generated WAV file and following its progress, and stopping a
// stalled stream from the status bar.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { generateVurboKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey, VIEW } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

describe('Vurbo tasks: tree, transcript streams, export, rename and pin, import', function () {
  const key = generateVurboKey();
  const vscode = useVsCode({ emulator: { keys: { vurbo: key } } });
  const view = VIEW.vurbo;

  /** The task rows of the tree, by group, as shown. */
  async function rowsByGroup(): Promise<Record<string, { label: string; description: string; ariaLabel: string }[]>> {
    const out: Record<string, { label: string; description: string; ariaLabel: string }[]> = {};
    let group = '';
    for (const row of await vscode.workbench.treeItems(view)) {
      if (row.depth === 1) out[(group = row.label)] = [];
      else if (group) out[group].push({ label: row.label, description: row.description, ariaLabel: row.ariaLabel });
    }
    return out;
  }

  /**
   * Answers the simple file dialog (VS Code in a browser), which opens on the workspace folder:
   * `open` picks the listed file, `save` accepts the suggested name after checking it.
   */
  async function answerFileDialog(title: string | RegExp, file: string, mode: 'open' | 'save'): Promise<void> {
    const { workbench, page } = vscode;
    const state = await workbench.waitForQuickInput({ title });
    const name = path.basename(file);
    if (mode === 'open') {
      await workbench.pickQuickPickItem(name);
      return;
    }
    // The dialog fills its box in steps (the folder first, then the suggested name): wait for the name.
    const box = page.locator('.quick-input-widget .quick-input-box input');
    let value = '';
    await workbench.poll(
      async () => (value = await box.inputValue()) === file,
      `the dialog to suggest ${file} (${state.title})`,
      LIMITS.ui,
      () => `it shows "${value}"`,
    );
    await page.keyboard.press('Enter');
  }

  function task(title: string): Record<string, unknown> {
    const t = vscode.emulator.vurbo.tasksOf(key).find((x) => x.title === title);
    assert.ok(t, `the emulator has a task "${title}"`);
    return t;
  }

  before(async function () {
    this.timeout(TEST_TIMEOUTS.test);
    // Fast imports so the progress flow finishes in seconds.
    vscode.emulator.vurbo.settings.importTickMs = 250;
    try {
      await setApiKey(vscode.workbench, 'vurbo', key);
      await vscode.workbench.clearNotifications();
      await vscode.workbench.openViewContainer(CONTAINER);
    } catch (e) {
      const saved = await vscode.saveArtifacts('tasks-before-all').catch(() => undefined);
      if (saved) console.log(`    e2e artifacts: ${saved.screenshot}\n                   ${saved.text}`);
      throw e;
    }
  });

  it('lists the tasks grouped Active / Completed (pinned first) / Failed, unread marked', async () => {
    await vscode.workbench.waitForTreeItem(view, 'Weekly product review', { timeoutMs: LIMITS.roundTrip });
    const groups = await rowsByGroup();
    assert.deepEqual(Object.keys(groups), ['Active', 'Completed', 'Failed']);
    assert.deepEqual(
      groups.Active.map((r) => r.label),
      ['Untitled Recording'],
    );
    assert.match(groups.Active[0].description, /recording…/);
    assert.deepEqual(
      groups.Failed.map((r) => r.label),
      ['Interview draft'],
    );
    // Pinned first (newest first among them), then the rest newest first.
    assert.deepEqual(
      groups.Completed.map((r) => r.label),
      ['Weekly product review', 'Board call (imported)', 'Engineering standup', 'Customer interview — onboarding', 'Quarterly town hall'],
    );
    const interview = groups.Completed.find((r) => r.label.startsWith('Customer interview'))!;
    assert.match(interview.description, /^● 0:\d\d · en-US → es-ES$/);
    // Pinned shows as a pin icon (a word at the end would be cut off at the sidebar's width).
    assert.match(groups.Completed[0].description, /^0:\d\d · en-US → zh-TW$/);
    assert.match(groups.Completed[0].ariaLabel, /, pinned, /);
    const tooltip = await vscode.workbench.treeItemTooltip(view, 'Weekly product review');
    assert.match(tooltip, /Transcription \(realtime\)/);
    assert.match(tooltip, /en-US → zh-TW/);
    assert.ok(!tooltip.includes(key) && !(await vscode.workbench.text()).includes(key), 'the key is never on screen');
  });

  it('streams a history transcript into an output channel, with speakers, translations and the summary', async () => {
    const { workbench, emulator } = vscode;
    const mark = emulator.server.accessLog.length;
    await workbench.treeItemContextMenu(view, 'Weekly product review', 'Show Task Transcript');
    let text = '';
    await workbench.poll(
      async () => {
        text = await workbench.outputChannelText('Vurbo: Weekly product review');
        return text.includes('— Finished.');
      },
      'the transcript to finish in its output channel',
      LIMITS.roundTrip,
      () => text.slice(-300),
    );
    assert.match(text, /^— Connected\.\nWeekly product review\ntask [0-9a-f-]{36} · en-US → zh-TW, ja-JP · 0:\d\d\n─{40}\n/);
    assert.ok(
      text.includes(
        '[0:00] Anna: Good morning everyone and welcome to the weekly review.\n        zh-TW: 大家早安，歡迎參加每週檢討會議。\n        ja-JP: 皆さんおはようございます、週次レビューへようこそ。\n',
      ),
      text,
    );
    assert.ok(text.includes('Guest-2: The test suite passed on every platform last night.'));
    assert.match(text, /Summary\n─{40}\n- The Friday release is on track/);
    assert.equal((text.match(/^\[\d+:\d\d\] /gm) ?? []).length, 8, 'eight sentences, each once');
    const sse = emulator.server.accessLog.slice(mark).filter((e) => e.url.startsWith('/api/v1/sse/history/'));
    assert.equal(sse.length, 1);
    assert.equal(sse[0].headers['x-api-key'], key, 'the key travels in the X-API-Key header');
    assert.ok(!sse[0].url.includes('api_key') && !sse[0].url.includes(key), 'never in the URL');
  });

  it('exports the transcript as SRT through the save dialog and opens it', async () => {
    const { workbench, page } = vscode;
    const target = path.join(vscode.workspaceDir, 'Weekly product review.srt');
    await workbench.treeItemContextMenu(view, 'Weekly product review', 'Export Task Transcript…');
    await workbench.pickQuickPickItem('SRT');
    await answerFileDialog(/Export the transcript of "Weekly product review"/, target, 'save');
    await page.locator('.part.editor .tab.active', { hasText: 'Weekly product review.srt' }).waitFor({ state: 'visible', timeout: LIMITS.roundTrip });
    const srt = fs.readFileSync(target, 'utf8');
    assert.match(srt, /^1\n00:00:00,000 --> 00:00:03,200\nAnna: Good morning everyone and welcome to the weekly review\.\n\n2\n/);
    assert.equal((srt.match(/ --> /g) ?? []).length, 8);
    const editorText = await page.locator('.part.editor .monaco-editor .view-lines').first().innerText();
    assert.match(editorText.replace(/\u00a0/g, ' '), /Anna: Good morning everyone/);
  });

  it('renames a task and pins it from the tree', async () => {
    const { workbench } = vscode;
    await workbench.treeItemContextMenu(view, 'Engineering standup', 'Rename Task…');
    await workbench.waitForQuickInput({ title: 'Rename Vurbo task' });
    await workbench.typeInQuickInput('Daily standup, Tuesday', { submit: true });
    await workbench.waitForTreeItem(view, 'Daily standup, Tuesday');
    assert.equal(task('Daily standup, Tuesday').is_pinned, false);

    await workbench.treeItemContextMenu(view, 'Daily standup, Tuesday', 'Pin Task');
    await workbench.poll(
      async () => /, pinned, /.test((await rowsByGroup()).Completed?.find((r) => r.label === 'Daily standup, Tuesday')?.ariaLabel ?? ''),
      'the task to show as pinned',
    );
    const completed = (await rowsByGroup()).Completed;
    const row = completed.find((r) => r.label === 'Daily standup, Tuesday')!;
    assert.match(row.ariaLabel, /, pinned, /);
    assert.ok(completed.indexOf(row) < completed.findIndex((r) => r.label === 'Customer interview — onboarding'), 'pinned tasks come first');
    assert.equal(task('Daily standup, Tuesday').is_pinned, true, 'the server has it pinned');
    // The context menu now offers Unpin instead of Pin.
    const rowLocator = await workbench.waitForTreeItem(view, 'Daily standup, Tuesday');
    await rowLocator.click({ button: 'right' });
    const entries = await workbench.contextMenuEntries();
    await vscode.page.keyboard.press('Escape');
    assert.ok(entries.includes('Unpin Task') && !entries.includes('Pin Task'), entries.join(' | '));
  });

  it('imports a WAV file: quota first with the numbers, then upload and the import progress, then the task', async () => {
    const { workbench, page } = vscode;
    const file = path.join(vscode.workspaceDir, 'team-sync.wav');
    fs.writeFileSync(file, encodeWav(toneSamples(75, 8000), 8000));
    await workbench.runCommand('Speech API: Import Audio into Vurbo…');
    await answerFileDialog(/Import Audio into Vurbo/, file, 'open');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor({ state: 'visible' });
    const quota = await dialog.innerText();
    assert.match(quota, /Import "team-sync\.wav"\?/);
    assert.match(quota, /Length 1:15, billed as 2 min: about \$0\.0339\./);
    assert.match(quota, /Monthly budget: \$48\.48 left \(about 2861 min of audio\)\./);
    await dialog.locator('.monaco-button', { hasText: 'Import' }).click();
    // Spoken language (en-US is preselected), no translation, one speaker, a summary template.
    await workbench.waitForQuickInput({ title: /Spoken language of "team-sync\.wav"/ });
    await page.keyboard.press('Enter');
    await workbench.waitForQuickInput({ title: 'Translate into (optional)' });
    await page.keyboard.press('Enter');
    await workbench.waitForQuickInput({ title: 'Who speaks in the recording?' });
    await workbench.pickQuickPickItem('Several speakers');
    await workbench.waitForQuickInput({ title: 'Summary of the transcript' });
    await workbench.pickQuickPickItem('Meeting Record');
    const done = await workbench.waitForNotification('"team-sync.wav" is imported and transcribed.', { timeoutMs: LIMITS.roundTrip });
    assert.ok(done.buttons.includes('Show Transcript'));
    const log = await workbench.outputChannelText('Vurbo Import: team-sync.wav');
    assert.match(log, /^Importing team-sync\.wav \(1:15\) — import [0-9a-f-]{36}, task [0-9a-f-]{36}\n/);
    for (const stage of ['converting', 'transcribing', 'summarizing']) assert.match(log, new RegExp(`… \\d+% ${stage}`), `${stage} in\n${log}`);
    assert.match(log, /… 100% completed — Import completed\n— Finished\./);
    await workbench.waitForTreeItem(view, 'team-sync');
    const imported = task('team-sync');
    assert.equal(imported.processing_status, 'completed');
    assert.equal(imported.type_source, 'import');
    assert.equal(imported.duration_ms, 75_000);
    const upload = vscode.emulator.server.accessLog.find((e) => e.method === 'POST' && e.url === '/api/v1/imports');
    assert.match(String(upload?.headers['content-type']), /^multipart\/form-data; boundary=/);
    await done.click('Show Transcript');
    await workbench.poll(
      async () => (await workbench.outputChannelText('Vurbo: team-sync')).includes('— Finished.'),
      'the imported transcript',
      LIMITS.roundTrip,
    );
    await workbench.clearNotifications();
  });

  it('shows a running stream in the status bar and stops it with Stop Stream', async () => {
    const { workbench, page, emulator } = vscode;
    // The server goes silent after a few events; the stream keeps waiting (idle timeout 60 s).
    emulator.addFault({ path: '/sse/history/', stallAfterEvents: 4 });
    await workbench.treeItemContextMenu(view, 'Quarterly town hall', 'Show Task Transcript');
    const item = page.locator('.part.statusbar .statusbar-item', { hasText: /1 stream$/ });
    await item.waitFor({ state: 'visible', timeout: LIMITS.roundTrip });
    await workbench.runCommand('Speech API: Stop Stream…');
    await item.waitFor({ state: 'hidden', timeout: LIMITS.roundTrip });
    const text = await workbench.outputChannelText('Vurbo: Quarterly town hall');
    assert.match(text, /— Stopped\.\n$/);
    assert.equal((text.match(/^\[\d+:\d\d\] /gm) ?? []).length, 2, 'what arrived before the stall stays');
  });

  it('a single click on a task only selects it; a double click opens its transcript', async () => {
    const { workbench } = vscode;
    // A task no test before has opened: after a single click, no channel of its own may exist.
    const unreadBefore = task('Board call (imported)').is_unread;
    await workbench.clickTreeItem(view, 'Board call (imported)');
    const other = await workbench.waitForTreeItem(view, 'Customer interview — onboarding');
    await other.dblclick();
    let text = '';
    await workbench.poll(
      async () => /Customer interview — onboarding/.test((text = await workbench.outputChannelText('Vurbo: Customer interview — onboarding').catch(() => ''))),
      "the double-clicked task's transcript",
      LIMITS.flow,
      () => text,
    );
    assert.equal(task('Board call (imported)').is_unread, unreadBefore, 'a single click marks nothing read');
    await workbench.runCommand('Output: Show Output Channels...');
    await workbench.waitForQuickInput();
    const channels = (await workbench.quickPickItems()).map((i) => i.label);
    await workbench.closeQuickInput();
    assert.ok(channels.includes('Vurbo: Customer interview — onboarding'), channels.join(' | '));
    assert.ok(!channels.includes('Vurbo: Board call (imported)'), 'a single click streams nothing');
  });
});
