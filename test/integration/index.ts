// The entry point VS Code loads with --extensionTestsPath (bundled to out/integration/index.js by
// scripts/build-integration.js). It runs the suites with mocha inside the extension host. When
// SPEECH_API_INTEGRATION_RESULT names a file, the outcome is also written there as JSON — that is how
// the code-server runner (test/e2e/integration.e2e.ts), which has no terminal to read, learns it.
import fs from 'node:fs';
import Mocha from 'mocha';

export interface IntegrationResult {
  passed: string[];
  failed: { title: string; error: string }[];
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false });
  // The suites are bundled into this file; they register while mocha's globals are in place.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  require('./activation.test');
  require('./sandbox.test');
  require('./tools.test');
  const result: IntegrationResult = { passed: [], failed: [] };
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const file = process.env.SPEECH_API_INTEGRATION_RESULT;
      if (file) fs.writeFileSync(file, JSON.stringify(result));
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => result.passed.push(test.fullTitle()));
    runner.on('fail', (test, err: Error) => result.failed.push({ title: test.fullTitle(), error: err.stack ?? err.message }));
  });
}
