// The job report and the transcript viewer in real VS Code: a sandbox job's report (media facts,
// timeline lanes, transcript in step, search, Open as JSON), a task's viewer (speakers, translation
// columns, search, a click on a sentence moves the player), and a live session followed in the viewer.
import assert from 'node:assert/strict';
import path from 'node:path';
import { encodeWav, toneSamples } from '../../src/core/vurbo/wav';
import { generateValossaKey, generateVurboKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey, startLiveSession, VIEW } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';
import { Webview } from './webview';

describe('Job report and transcript viewer webviews', function () {
  const valossaKey = generateValossaKey();
  const vurboKey = generateVurboKey();
  const vscode = useVsCode({
    emulator: { keys: { valossa: valossaKey, vurbo: vurboKey }, jobStepMs: 200, pollAgainAfterSeconds: 1 },
    files: { 'recordings/standup.wav': encodeWav(toneSamples(8, 16_000, 1), 16_000, 1) },
  });
  let webview: Webview;

  before(async function () {
    this.timeout(TEST_TIMEOUTS.test);
    webview = new Webview(vscode.workbench);
    await setApiKey(vscode.workbench, 'valossa', valossaKey);
    await setApiKey(vscode.workbench, 'vurbo', vurboKey);
    await vscode.workbench.clearNotifications();
    await vscode.workbench.openViewContainer(CONTAINER);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const saved = await vscode.saveArtifacts(`views-${this.currentTest.title.slice(0, 40)}`).catch(() => undefined);
      if (saved) console.log(`    e2e artifacts: ${saved.screenshot}`);
    }
  });

  it("opens a finished job's report: facts, a lane per chosen detection, the transcript in step, search, Open as JSON", async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, page, emulator } = vscode;
    // The first seeded job is "Product review"; the tree names jobs it did not create by their id.
    const label = `Job ${emulator.valossa.jobIds(valossaKey)[0].slice(0, 8)}`;
    await workbench.poll(
      async () => (await workbench.treeItems(VIEW.valossa)).some((r) => r.label === label && /^Finished/.test(r.description)),
      'the seeded job to be finished',
      LIMITS.roundTrip,
    );
    await workbench.treeItemContextMenu(VIEW.valossa, label, 'Open Valossa Job Report');
    await webview.tab(`Report: ${label}`).waitFor({ timeout: LIMITS.ui });
    await webview.waitForReady();

    assert.equal(await webview.locator('h1').innerText(), 'Product review');
    const facts = await webview.locator('.facts').innerText();
    assert.match(facts, /1280 × 720/);
    assert.match(facts, /h264 \/ aac/);
    // The emulator's job has two visual concepts, each on its lane at first.
    const lanes = await webview.texts('.lane[data-id] .lane-label');
    assert.deepEqual(lanes, ['person', 'microphone']);
    const bars = await webview.count('.lane[data-id] .occ');
    assert.equal(bars, 2);
    const tip = await webview.locator('.lane[data-id] .occ').first().getAttribute('title');
    assert.match(tip ?? '', /^person: 0:00\.0–0:\d\d\.\d · confidence 93%$/);

    // The transcript: speaker turns of the word-level speech.
    const lines = await webview.texts('#speech li');
    assert.ok(lines.length >= 2, `speech lines: ${lines.join(' | ')}`);
    assert.match(lines[0], /^0:01\.2 Speaker \d: \S/);

    // Clicking a line moves the timeline cursor to it, marks it and copies its time.
    await webview.locator('#speech li').nth(1).click();
    await webview.poll(async () => /^Copied 00:00:\d\d\.\d{3} /.test(await webview.locator('#toast').innerText()), 'the copied time', LIMITS.ui);
    assert.equal(await webview.evaluate('#speech li:nth-child(2)', (el) => (el as { className: string }).className), 'current');
    const cursor = await webview.evaluate('#cursor', (el) => (el as { style: { left: string } }).style.left);
    assert.match(cursor, /calc\(/);

    // Zoom widens the lanes.
    const before = await webview.evaluate('#lanes', (el) => (el as { scrollWidth: number }).scrollWidth);
    await webview.locator('button[aria-label="Zoom in"]').click();
    await webview.poll(
      async () => (await webview.evaluate('#lanes', (el) => (el as { scrollWidth: number }).scrollWidth)) > before * 1.5,
      'the timeline to zoom in',
    );

    // Search filters labels and dims speech that does not match.
    await webview.locator('#search').fill('micro');
    await webview.poll(async () => (await webview.texts('#categories tbody td:nth-child(2)')).join('|') === 'microphone', 'only the matching detection listed');
    assert.ok((await webview.count('#categories mark')) === 1);
    assert.equal(await webview.count('#speech li:not(.dim)'), 0, 'no speech line says "micro"');

    await webview.locator('#open-json').click();
    await page.locator('.part.editor .tab', { hasText: `${label} – core.json` }).waitFor({ timeout: LIMITS.roundTrip });
    await workbench.runCommand('View: Close All Editors');
  });

  it('opens a task in the viewer: speakers by name, translation columns, search, and a click plays from the sentence', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench } = vscode;
    await workbench.waitForTreeItem(VIEW.vurbo, 'Weekly product review', { timeoutMs: LIMITS.roundTrip });
    await workbench.treeItemContextMenu(VIEW.vurbo, 'Weekly product review', 'Open Task in Transcript Viewer');
    await webview.tab('Transcript: Weekly product review').waitFor({ timeout: LIMITS.ui });
    await webview.waitForReady();

    assert.equal(await webview.count('li.sentence'), 8);
    assert.match(await webview.locator('#summary-text').innerText(), /^- The Friday release is on track/);
    const speakers = await webview.texts('li.sentence .speaker');
    assert.equal(speakers[0], 'Anna', 'the renamed speaker by name');
    assert.equal(speakers[2], 'Guest-2');
    const colour = (i: number) =>
      webview.evaluate(
        `li.sentence:nth-child(${i}) .speaker`,
        (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(el).color,
      );
    assert.equal(await colour(1), await colour(2), 'one colour per speaker');
    assert.notEqual(await colour(1), await colour(3));
    assert.match(await webview.locator('li.sentence').first().innerText(), /Good morning everyone[\s\S]*大家早安[\s\S]*皆さんおはようございます/);

    // The column picker hides a translation.
    await webview.locator('input[aria-label="Translation columns: zh-TW"]').uncheck();
    await webview.poll(async () => (await webview.count('li.sentence:first-child .translation')) === 1, 'one translation column');
    assert.equal(await webview.locator('li.sentence:first-child .translation').getAttribute('data-lang'), 'ja-JP');

    await webview.locator('#search').fill('platform');
    await webview.poll(async () => (await webview.locator('#match-count').innerText()) === '1 matching sentence', 'one match');
    assert.equal(await webview.locator('li.sentence.match mark').first().innerText(), 'platform');
    await webview.locator('#search').fill('');

    // The audio arrives from the export; a click on a sentence plays from its start.
    await webview.locator('#player').waitFor({ state: 'attached', timeout: LIMITS.roundTrip });
    await webview.poll(
      async () => (await webview.evaluate('#player', (el) => (el as { readyState: number }).readyState)) >= 1,
      'the audio to load',
      LIMITS.roundTrip,
    );
    assert.equal(await webview.evaluate('#player', (el) => (el as { currentTime: number }).currentTime), 0);
    const start = Number(await webview.locator('li.sentence').nth(2).getAttribute('data-start'));
    assert.ok(start > 0);
    await webview.locator('li.sentence').nth(2).locator('.text').click();
    await webview.poll(
      async () => (await webview.evaluate('#player', (el) => (el as { currentTime: number }).currentTime)) >= start / 1000 - 0.05,
      'the player to move to the sentence',
      LIMITS.ui,
    );
    await webview.poll(
      async () => (await webview.locator('li.sentence').nth(2).getAttribute('aria-current')) === 'true',
      'the sentence to be marked as playing',
    );
    await workbench.runCommand('View: Close All Editors');
  });

  it('sends a long report and a long transcript in parts: rows beyond the first screen by search, a lane on request, all the speech', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, emulator } = vscode;
    const detections: Record<string, unknown> = {};
    for (let i = 1; i <= 15; i++) detections[`v${i}`] = { t: 'visual.context', label: `thing ${i}`, occs: [{ ss: i * 10, se: i * 10 + 5, c_max: 0.8 }] };
    for (let i = 1; i <= 200; i++) detections[`s${i}`] = { t: 'audio.speech', label: `line number ${i}`, occs: [{ ss: i, se: i + 0.5 }] };
    const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
    const metadata = {
      media_info: { technical: { duration_s: 300 } },
      detections,
      detection_groupings: { by_detection_type: { 'visual.context': ids('v', 15), 'audio.speech': ids('s', 200) } },
    };
    const label = `Job ${emulator.valossa.addJobWithMetadata(valossaKey, 'Long report', metadata).slice(0, 8)}`;
    await workbench.runCommand('Speech API: Refresh Valossa Jobs');
    await workbench.treeItemContextMenu(VIEW.valossa, label, 'Open Valossa Job Report');
    await webview.tab(`Report: ${label}`).waitFor({ timeout: LIMITS.ui });
    await webview.waitForReady();
    // The first screen: ten rows, the first eight on the timeline.
    assert.equal(await webview.count('#categories tbody tr'), 10);
    assert.match(await webview.locator('#categories p.muted').innerText(), /^5 more/);
    assert.equal((await webview.texts('.lane[data-id] .lane-label')).length, 8);
    // The rest of the speech follows the first screen.
    await webview.poll(async () => (await webview.count('#speech li')) === 200, 'all 200 speech lines', LIMITS.roundTrip);
    assert.match((await webview.texts('#speech li')).at(-1) ?? '', /line number 200$/);

    // Search finds a row the first screen did not have; ticking it fetches its lane.
    await webview.locator('#search').fill('thing 13');
    await webview.poll(async () => (await webview.texts('#categories tbody td:nth-child(2)')).join('|') === 'thing 13', 'the row beyond the first screen');
    await webview.locator('input[aria-label="Show on the timeline: thing 13"]').check();
    await webview.poll(async () => (await webview.texts('.lane[data-id] .lane-label')).includes('thing 13'), 'its lane');
    assert.match((await webview.locator('.lane[data-id="v13"] .occ').getAttribute('title')) ?? '', /^thing 13: 2:10\.0–2:15\.0 · confidence 80%$/);
    // Hidden and shown again, the page starts blank: its kept lanes and search are asked for again.
    await workbench.runCommand('File: New Untitled Text File');
    await webview.tab(`Report: ${label}`).click();
    await webview.waitForReady();
    await webview.poll(async () => (await webview.count('.lane[data-id="v13"] .occ')) === 1, 'the ticked lane after hide and show');
    await webview.poll(async () => (await webview.texts('#categories tbody td:nth-child(2)')).join('|') === 'thing 13', 'the kept search after hide and show');
    assert.equal(await webview.locator('#search').inputValue(), 'thing 13');
    await workbench.runCommand('View: Close All Editors');

    // A long history: the viewer paints its first rows, then every sentence arrives.
    emulator.vurbo.createBigTask(vurboKey, 300, { title: 'Long meeting', targetLangs: ['ja-JP'] });
    await workbench.runCommand('Speech API: Refresh Tasks');
    await workbench.waitForTreeItem(VIEW.vurbo, 'Long meeting', { timeoutMs: LIMITS.roundTrip });
    await workbench.treeItemContextMenu(VIEW.vurbo, 'Long meeting', 'Open Task in Transcript Viewer');
    await webview.tab('Transcript: Long meeting').waitFor({ timeout: LIMITS.ui });
    await webview.waitForReady();
    await webview.poll(async () => (await webview.count('li.sentence')) === 300, 'all 300 sentences', LIMITS.roundTrip);
    const sids = (await webview
      .locator('li.sentence')
      .evaluateAll((els) => els.map((e) => Number((e as unknown as { dataset: { sid: string } }).dataset.sid)))) as number[];
    assert.deepEqual(
      sids,
      [...sids].sort((a, b) => a - b),
      'in order',
    );
    assert.equal(new Set(sids).size, 300, 'each sentence once');
    assert.equal(await webview.count('li.sentence .translation[data-lang="ja-JP"]'), 300);
    assert.equal(await webview.locator('#match-count').innerText(), '300 sentences');
    await workbench.runCommand('View: Close All Editors');
  });

  it('follows a running live session sentence by sentence, partials greyed', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const { workbench, emulator, workspaceDir, page } = vscode;
    emulator.live.settings.sentenceMs = 2500;
    emulator.live.settings.partialEveryMs = 400;
    await startLiveSession(workbench, path.join(workspaceDir, 'recordings/standup.wav'), 'No summary');
    await page.locator('.part.statusbar').getByText(/Live/).first().waitFor({ timeout: LIMITS.roundTrip });

    await workbench.runCommand('Speech API: Show Live Session in Transcript Viewer');
    await webview.tab(/Transcript: Live · standup\.wav/).waitFor({ timeout: LIMITS.ui });
    await webview.waitForReady();
    assert.equal(await webview.locator('#live-badge').innerText(), 'Live');
    // A partial appears greyed, then its final version replaces it in the same row.
    // Each partial update replaces its row, so read the style of whichever partial row is there now.
    let style = '';
    const partialStyle = () =>
      webview.evaluate(
        'li.sentence.partial',
        (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontStyle: string } }).getComputedStyle(el).fontStyle,
      );
    await webview.poll(
      async () => (style = await partialStyle()) === 'italic',
      'a partial sentence, greyed and in italics',
      LIMITS.flow,
      () => `its font style: "${style}"`,
    );
    await webview.poll(async () => (await webview.count('li.sentence:not(.partial)')) >= 1, 'a final sentence', LIMITS.flow);
    const sids = await webview.locator('li.sentence').evaluateAll((els) => els.map((e) => (e as unknown as { dataset: { sid: string } }).dataset.sid));
    assert.equal(new Set(sids as string[]).size, (sids as string[]).length, 'each sentence once');

    await workbench.runCommand('Speech API: Stop Live Session');
    await webview.poll(
      async () => /Session (finished|stopped)/.test(await webview.locator('#status').innerText()),
      'the viewer to say the session ended',
      LIMITS.flow,
    );
    assert.equal(await webview.locator('#live-badge').innerText(), 'Ended');
    assert.equal(await webview.count('li.sentence.partial'), 0, 'no partial left once it ended');
  });
});
