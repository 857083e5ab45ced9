// tree-10k: 10,000 Vurbo tasks from the emulator into the Tasks view, in-process against a fake
// `vscode` module: the list request and its parsing (TasksModel.refresh, emulator included), then
// what VS Code asks of the tree before it can paint — the root, the children of every expanded group
// and a TreeItem for each node they return — and the same again after one task changes (a pin).
// The fake `vscode` module stands in for the extension host; VS Code's own rendering is not included.
import type { HttpClient } from '../src/core/http/client';
import { median, type Benchmark, type Figure } from './lib';
import { installFakeVscode } from './fakeVscode';

const TASKS = 10_000;
const RUNS = 9;
const LIMIT_MS = 300;

const benchmark: Benchmark = {
  title: '10,000 Vurbo tasks: list + parse, then every TreeItem of the expanded tree (fake vscode module)',
  async run(): Promise<Figure[]> {
    installFakeVscode();
    // Loaded only now: these modules import `vscode`.
    const { HttpClient: Client } = require('../src/core/http/client') as typeof import('../src/core/http/client');
    const { startEmulator } = require('../src/emulator/index') as typeof import('../src/emulator/index');
    const { TasksModel } = require('../src/features/tasks/model') as typeof import('../src/features/tasks/model');
    const { TasksTreeProvider } = require('../src/features/tasks/tree') as typeof import('../src/features/tasks/tree');
    type Node = import('../src/features/tasks/tree').TaskTreeNode;

    const emulator = await startEmulator({ seed: false });
    try {
      const key = emulator.keys.vurbo;
      for (let i = 1; i <= TASKS; i++) emulator.vurbo.createBigTask(key, 1 + (i % 40), { title: `Bench task ${i}`, targetLangs: ['de-DE'] });
      const http: HttpClient = new Client({ provider: 'vurbo', timeoutMs: 30_000 });
      const connection = { provider: 'vurbo' as const, baseUrl: emulator.vurboBaseUrl, origin: emulator.origin, key, http };
      const connections = {
        connect: async () => connection,
        hasKey: async () => true,
        onDidChange: () => ({ dispose: () => undefined }),
        hosts: undefined as never,
      };
      const log = {
        info: () => undefined,
        warn: (m: string) => console.warn(m),
        error: (m: string) => console.warn(m),
        trace: () => undefined,
        show: () => undefined,
      };

      /** Everything VS Code asks for before the first paint of a fully expanded tree. */
      const render = (tree: InstanceType<typeof TasksTreeProvider>): number => {
        let items = 0;
        for (const group of tree.getChildren()) {
          tree.getTreeItem(group);
          items++;
          for (const child of tree.getChildren(group)) {
            tree.getTreeItem(child as Node);
            items++;
          }
        }
        return items;
      };

      const list: number[] = [];
      const paint: number[] = [];
      const repaint: number[] = [];
      let items = 0;
      for (let run = 0; run <= RUNS; run++) {
        const model = new TasksModel(connections, log, () => 0);
        const tree = new TasksTreeProvider(model);
        const t0 = performance.now();
        await model.refresh();
        const t1 = performance.now();
        items = render(tree);
        const t2 = performance.now();
        const some = model.tasks[Math.floor(model.tasks.length / 2)];
        model.patch([some.taskId], { isPinned: true });
        render(tree);
        const t3 = performance.now();
        if (model.state.kind !== 'loaded' || model.tasks.length !== TASKS) throw new Error(`the model holds ${model.tasks.length} tasks (${model.state.kind})`);
        tree.dispose();
        model.dispose();
        if (run === 0) continue; // warm-up
        list.push(t1 - t0);
        paint.push(t2 - t0);
        repaint.push(t3 - t2);
      }
      const paintMs = median(paint);
      const note = `${TASKS.toLocaleString('en')} tasks, ${items} tree items (what getChildren returns for the root and each expanded group: groups, task rows, Load more rows); median of ${RUNS} runs; list ${median(list).toFixed(0)} ms (request, emulator's JSON, parse) + tree ${(paintMs - median(list)).toFixed(0)} ms`;
      return [
        {
          name: 'tree-10k-first-paint',
          value: paintMs,
          unit: 'ms',
          peer: 'limit',
          peerValue: LIMIT_MS,
          ratio: paintMs / LIMIT_MS,
          target: `< ${LIMIT_MS} ms from refresh to every TreeItem (ratio = time ÷ limit)`,
          met: paintMs < LIMIT_MS,
          note,
        },
        { name: 'tree-10k-list', value: median(list), unit: 'ms', note: 'GET /api/v1/tasks?status=all from the in-process emulator and parseTaskList' },
        { name: 'tree-10k-repaint', value: median(repaint), unit: 'ms', note: 'one task pinned: the model change and every TreeItem again' },
      ];
    } finally {
      await emulator.close();
    }
  },
};

export default benchmark;
