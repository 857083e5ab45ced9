// The standalone scanner that the pre-commit hooks (.pre-commit-hooks.yaml) and the GitHub Action
// (action.yml) run: one committed file, bin/speech-api-scan.js, so a hook repository cloned by the
// pre-commit framework or checked out by Actions runs with Node alone (no npm install, no build).
// `node scripts/hook-bundle.js` rewrites it; test/unit/scan-hooks.test.ts fails when it is stale.
const esbuild = require('esbuild');
const path = require('path');
const { sharedOnce, logOverride } = require('./esbuild-plugins');

const ROOT = path.resolve(__dirname, '..');
const OUTFILE = path.join(ROOT, 'bin', 'speech-api-scan.js');

/** @type {import('esbuild').BuildOptions} */
const OPTIONS = {
  absWorkingDir: ROOT,
  entryPoints: ['src/cli/main.ts'],
  outfile: OUTFILE,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  banner: { js: '#!/usr/bin/env node\n// Generated from src/cli by `node scripts/hook-bundle.js`: do not edit.' },
  logLevel: 'silent',
  plugins: [sharedOnce],
  logOverride,
};

/** The bundle's text, built in memory. */
async function hookBundle() {
  const result = await esbuild.build({ ...OPTIONS, write: false });
  return result.outputFiles[0].text;
}

module.exports = { hookBundle, OUTFILE };

if (require.main === module) {
  hookBundle()
    .then((text) => {
      require('fs').writeFileSync(OUTFILE, text, { mode: 0o755 });
      console.log(`wrote ${path.relative(ROOT, OUTFILE)} (${Math.round(text.length / 1024)} KB)`);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
