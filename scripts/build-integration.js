#!/usr/bin/env node
// Bundles test/integration (mocha and the suites; `vscode` stays external) into out/integration/index.js,
// the file VS Code loads as --extensionTestsPath. Prints its path.
const esbuild = require('esbuild');
const path = require('path');

const root = path.resolve(__dirname, '..');
const outfile = path.join(root, 'out/integration/index.js');
esbuild
  .build({
    entryPoints: [path.join(root, 'test/integration/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  })
  .then(
    () => console.log(outfile),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
