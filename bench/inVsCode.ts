// Benchmarks in real VS Code (code-server + headless Chromium, the e2e harness) with the extension
// installed from its production VSIX and pointed at the in-process emulator:
//   activation        VS Code's own activation time for the extension (Developer: Show Running
//                     Extensions), median over fresh extension hosts;
//   tree-10k          10,000 Vurbo tasks: from "Refresh Tasks" to their first row painted.
// (stream-to-output.ts is the third benchmark in real VS Code.) Each starts its own window;
// `node esbuild.js --production` runs first so the VSIX is current.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { startVsCode, type VsCodeSession } from '../test/e2e/harness';
import { CONTAINER, setApiKey, VIEW } from '../test/e2e/speechApi';
import { median, type Benchmark, type Figure } from './lib';

const ROOT = path.resolve(__dirname, '..');
const EXTENSION_NAME = 'Speech API Explorer';
const ACTIVATION_WINDOWS = 9;

function buildProduction(): void {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'esbuild.js'), '--production'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('production build failed');
}

async function withVsCode<T>(fn: (s: VsCodeSession) => Promise<T>): Promise<T> {
  buildProduction();
  // No background refresh: the seeded active task would otherwise reload the list on its own.
  const session = await startVsCode({ settings: { 'speechApi.vurbo.autoRefreshSeconds': 0 } });
  try {
    return await fn(session);
  } finally {
    await session.dispose();
  }
}

/** Activation times (ms) by extension name, as the Running Extensions editor shows them. */
async function runningExtensionTimes(s: VsCodeSession): Promise<Map<string, number>> {
  const times = new Map<string, number>();
  const editor = s.page.locator('.runtime-extensions-editor');
  const collect = async () => {
    const lines = (await editor.innerText({ timeout: 5000 }).catch(() => '')).split('\n').map((l) => l.trim());
    for (let i = 3; i < lines.length; i++) {
      const m = /Activation: (\d+)ms/.exec(lines[i]);
      if (m) times.set(lines[i - 3], Number(m[1]));
    }
  };
  await s.workbench.poll(
    async () => {
      // Right after a reload the palette may not open yet: try again.
      if (
        !(await s.workbench.runCommand('Developer: Show Running Extensions').then(
          () => true,
          () => false,
        ))
      )
        return false;
      // The list is virtual and sorted slowest first: scroll through it.
      for (let step = 0; step < 12 && !times.has(EXTENSION_NAME); step++) {
        await collect();
        await editor.hover().catch(() => undefined);
        await s.page.mouse.wheel(0, 300);
        await s.page.waitForTimeout(100);
      }
      await collect();
      return times.has(EXTENSION_NAME);
    },
    'the extension in Running Extensions',
    60_000,
  );
  await s.page.keyboard.press('Escape');
  await s.page
    .locator('.tabs-container .tab.active .codicon-close, .modal-editor-part .codicon-close')
    .first()
    .click()
    .catch(() => undefined);
  return times;
}

export const activationInVsCode: Benchmark = {
  title: 'activation in real VS Code, as VS Code times it',
  async run(): Promise<Figure[]> {
    const ours: number[] = [];
    const peers: number[] = [];
    await withVsCode(async (s) => {
      // Nine windows: with five, one busy moment on the shared machine moved the median by 20 ms either way.
      for (let round = 0; round < ACTIVATION_WINDOWS; round++) {
        if (round > 0) await s.reload();
        await s.page.waitForTimeout(3000); // let every startup activation settle
        const times = await runningExtensionTimes(s);
        ours.push(times.get(EXTENSION_NAME)!);
        const git = times.get('Git');
        if (git !== undefined) peers.push(git);
      }
    });
    const value = median(ours);
    const git = peers.length ? median(peers) : NaN;
    const ratio = value / git;
    return [
      {
        name: 'activation-vscode',
        value,
        unit: 'ms',
        peer: 'built-in Git, same windows',
        peerValue: git,
        ratio,
        target: 'not slower than Git in the same windows (ratio = ours ÷ Git ≤ 1.0)',
        met: ratio <= 1,
        note: `median of ${ours.length} fresh extension hosts: ours ${ours.join(', ')} ms; Git ${peers.join(', ')} ms`,
      },
    ];
  },
};

/** Records, in the page, the next click and the first frame that has an element matching `selector`. */
async function armPaintTimer(s: VsCodeSession, selector: string): Promise<void> {
  // Plain source text: tsx would wrap named inner functions in a helper the page does not have.
  await s.page.evaluate(`(() => {
    const sel = ${JSON.stringify(selector)};
    const bench = (window.__bench = {});
    // runCommand clicks the palette row: the command starts on that click.
    window.addEventListener('mouseup', () => {
      if (bench.start === undefined) bench.start = performance.now();
    }, true);
    const check = () => {
      if (bench.start !== undefined && bench.end === undefined && document.querySelector(sel)) bench.end = performance.now();
      if (bench.end === undefined) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  })()`);
}

async function paintTime(s: VsCodeSession, what: string): Promise<number> {
  let ms = NaN;
  await s.workbench.poll(
    async () => {
      const b = await s.page.evaluate<{ start?: number; end?: number }>('window.__bench');
      if (b.start !== undefined && b.end !== undefined) ms = b.end - b.start;
      return !Number.isNaN(ms);
    },
    what,
    60_000,
  );
  return ms;
}

export const tree10kInVsCode: Benchmark = {
  title: '10,000 Vurbo tasks: Refresh Tasks to the first row painted, in real VS Code',
  async run(): Promise<Figure[]> {
    const times: number[] = [];
    await withVsCode(async (s) => {
      const key = s.emulator.keys.vurbo;
      await setApiKey(s.workbench, 'vurbo', key);
      await s.workbench.openViewContainer(CONTAINER);
      await s.workbench.waitForTreeItem(VIEW.vurbo, 'Weekly product review');
      for (let round = 1; round <= 5; round++) {
        s.emulator.vurbo.removeTasks(key, 'Round ');
        s.emulator.vurbo.createTasks(key, 10_000, `Round ${round} task`);
        await armPaintTimer(s, `.pane-body [aria-label^="Round ${round} task"]`);
        await s.workbench.runCommand('Speech API: Refresh Tasks');
        times.push(await paintTime(s, `round ${round} painted`));
      }
      const rows = await s.workbench.treeItems(VIEW.vurbo);
      if (!rows.some((r) => r.label.startsWith('Round 5 task'))) throw new Error('the tree does not show the 10,000 tasks');
    });
    const value = median(times);
    return [
      {
        name: 'tree-10k-vscode-first-paint',
        value,
        unit: 'ms',
        peer: 'limit',
        peerValue: 300,
        ratio: value / 300,
        target: '< 300 ms to first paint (ratio = ours ÷ 300 ms)',
        met: value < 300,
        note: `median of ${times.length}: ${times.map((t) => t.toFixed(0)).join(', ')} ms; list request, parse, model and tree render`,
      },
    ];
  },
};
