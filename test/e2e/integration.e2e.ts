// The test/integration suites (the `vscode` API used directly) run here inside code-server, since
// @vscode/test-electron cannot download VS Code in this environment; `npm run test:electron` runs the
// same suites in desktop VS Code where it can.
import assert from 'node:assert/strict';
import { runIntegrationSuites } from './support/integration';
import { TEST_TIMEOUTS } from './support/limits';

describe('integration suites in code-server (vscode API)', function () {
  it('all pass inside the real extension host', async function () {
    this.timeout(TEST_TIMEOUTS.long);
    const result = await runIntegrationSuites();
    for (const title of result.passed) console.log(`      ✔ ${title}`);
    for (const f of result.failed) console.log(`      ✘ ${f.title}\n${f.error}`);
    assert.deepEqual(
      result.failed.map((f) => f.title),
      [],
      `failures (code-server log: ${result.logFile})`,
    );
    assert.ok(result.passed.length >= 4, `only ${result.passed.length} integration tests ran`);
  });
});
