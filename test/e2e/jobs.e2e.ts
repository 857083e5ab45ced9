// Valossa jobs in real VS Code, as a user works with them: create a job from a URL, watch it finish
// in the tree, open its transcript, cancel a queued job, delete one, and see a wrong key rejected.
import assert from 'node:assert/strict';
import { HttpClient } from '../../src/core/http/client';
import { ValossaClient } from '../../src/core/valossa/client';
import { generateValossaKey } from '../../src/emulator/keys';
import { useVsCode } from './harness';
import { CONTAINER, setApiKey, testApiKey, VIEW } from './speechApi';
import { LIMITS, TEST_TIMEOUTS } from './support/limits';

describe('Valossa jobs: create, follow, transcript, cancel, delete', function () {
  const key = generateValossaKey();
  const vscode = useVsCode({ emulator: { keys: { valossa: key }, jobStepMs: 500, seedJobStepMs: 600_000, pollAgainAfterSeconds: 1 } });
  const view = VIEW.valossa;

  const api = () => new ValossaClient({ baseUrl: vscode.emulator.valossaBaseUrl, key, http: new HttpClient({ provider: 'valossa' }) });

  before(async function () {
    this.timeout(TEST_TIMEOUTS.test);
    await setApiKey(vscode.workbench, 'valossa', key);
    await vscode.workbench.clearNotifications();
    await vscode.workbench.openViewContainer(CONTAINER);
  });

  it('lists the existing jobs with their states once a key is set', async () => {
    await vscode.workbench.waitForTreeItem(view, /^Job [0-9a-f]{8}$/, { timeoutMs: LIMITS.roundTrip });
    const rows = await vscode.workbench.treeItems(view);
    const descriptions = rows.map((r) => r.description).join('\n');
    assert.match(descriptions, /Finished/);
    assert.match(descriptions, /Failed/);
    assert.match(descriptions, /Queued/);
  });

  it('creates a job from a URL and shows it finishing in the tree', async () => {
    const { workbench } = vscode;
    await workbench.runCommand('Speech API: New Valossa Job…');
    await workbench.pickQuickPickItem('From a video URL…');
    await workbench.waitForQuickInput({ title: /video URL/ });
    await workbench.typeInQuickInput('not a url');
    await workbench.waitForQuickInputMessage('That is not a URL');
    await workbench.typeInQuickInput('https://media.example.com/videos/team-meeting.mp4', { submit: true });
    await workbench.waitForQuickInput({ title: /job title/i });
    await workbench.typeInQuickInput('Team meeting', { submit: true, replace: true });
    await workbench.waitForNotification(/Valossa job "Team meeting" queued/, { timeoutMs: LIMITS.roundTrip });
    await workbench.waitForTreeItem(view, 'Team meeting');
    await workbench.poll(
      async () => (await workbench.treeItems(view)).some((r) => r.label === 'Team meeting' && /^Finished/.test(r.description)),
      'the new job to finish in the tree',
      LIMITS.roundTrip,
    );
    const tooltip = await workbench.treeItemTooltip(view, 'Team meeting');
    assert.match(tooltip, /Status\s*Finished/);
    assert.match(tooltip, /team-meeting\.mp4/);
  });

  it("opens the finished job's transcript as SRT", async () => {
    const { workbench } = vscode;
    await workbench.treeItemContextMenu(view, 'Team meeting', 'Open Valossa Job Transcript…');
    await workbench.pickQuickPickItem('SRT subtitles');
    await workbench.poll(async () => /00:00:01,200.-->.00:00:0\d,\d{3}/.test(await workbench.text()), 'the SRT transcript in an editor', LIMITS.roundTrip);
    // A read-only result document: closing it asks nothing.
    await workbench.runCommand('View: Close All Editors');
    assert.equal(await vscode.page.locator('.monaco-dialog-box').count(), 0, 'no save prompt');
  });

  it('opens each plain-text transcript format in a tab of its own', async () => {
    const { workbench, page } = vscode;
    for (const [format, tab] of [
      ['Plain text', 'Team meeting – transcript.txt'],
      ['Plain text with speakers', 'Team meeting – transcript with speakers.txt'],
    ]) {
      await workbench.treeItemContextMenu(view, 'Team meeting', 'Open Valossa Job Transcript…');
      await workbench.pickQuickPickItem(format);
      await page.locator('.part.editor .tab.active', { hasText: tab }).waitFor({ state: 'visible', timeout: LIMITS.roundTrip });
    }
    assert.equal(await page.locator('.part.editor .tab', { hasText: 'Team meeting – transcript' }).count(), 2, 'two tabs, neither replaced');
    await workbench.runCommand('View: Close All Editors');
  });

  it('cancels a queued job', async () => {
    const { workbench } = vscode;
    const queued = (await api().listJobs()).find((j) => j.status === 'queued');
    assert.ok(queued, 'the sandbox has a queued job');
    const label = `Job ${queued.job_id.slice(0, 8)}`;
    await workbench.treeItemContextMenu(view, label, 'Cancel Valossa Job');
    await workbench.waitForNotification(`Cancelled "${label}".`);
    await workbench.poll(
      async () => (await workbench.treeItems(view)).some((r) => r.label === label && /^Cancelled/.test(r.description)),
      'the job to show as cancelled',
    );
    assert.equal((await api().jobStatus(queued.job_id)).details, 'cancelled');
  });

  it('deletes a job after a confirmation that names it', async () => {
    const { workbench, page } = vscode;
    const before = (await api().listJobs()).length;
    await workbench.treeItemContextMenu(view, 'Team meeting', 'Delete Valossa Job…');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Delete the Valossa job "Team meeting"\?/);
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await workbench.waitForNotification('Deleted "Team meeting".');
    await workbench.poll(async () => !(await workbench.treeItems(view)).some((r) => r.label === 'Team meeting'), 'the job to leave the tree');
    assert.equal((await api().listJobs()).length, before - 1, 'the job is deleted on the server too');
  });

  it('rejects a wrong key with the catalogue message and a way to fix it', async () => {
    const { workbench } = vscode;
    await setApiKey(workbench, 'valossa', generateValossaKey());
    await workbench.clearNotifications();
    const result = await testApiKey(workbench, 'valossa');
    assert.equal(result.severity, 'error');
    assert.match(result.message, /The Valossa API key is invalid, missing, expired or lacks permission/);
    assert.ok(result.buttons.includes('Set API Key'));
    await workbench.clearNotifications();
    await workbench.runCommand('Speech API: Refresh Valossa Jobs');
    await workbench.waitForViewMessage(view, /^Could not load jobs: The Valossa API key is invalid/);
  });
});
