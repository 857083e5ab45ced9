// Bundles the extension, the scan CLI, the emulator and the webviews. `--production` minifies; `--watch` rebuilds.
const esbuild = require('esbuild');
const { lazySiblings, sharedOnce, asciiOnly, logOverride } = require('./scripts/esbuild-plugins');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

// Only a production build (minified: no comments) must be ASCII throughout.
const productionChecks = production ? [asciiOnly] : [];

const targets = [
  // package.json's `main`: a small loader that runs the bundle below through V8's code cache.
  { entryPoints: ['src/boot/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], plugins: [sharedOnce], logOverride },
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension-bundle.js',
    external: ['vscode'],
    plugins: [lazySiblings, sharedOnce, ...productionChecks],
    logOverride,
  },
  // jsonc-parser's `main` is a UMD build whose inner require('./impl/…') calls esbuild cannot follow;
  // its ES module build bundles cleanly.
  {
    entryPoints: { undici: 'node_modules/undici/index.js', ws: 'node_modules/ws/index.js', 'jsonc-parser': 'node_modules/jsonc-parser/lib/esm/main.js' },
    outdir: 'dist',
  },
  // package.json's `bin`: a small loader that runs the CLI bundle below through V8's code cache.
  { entryPoints: ['src/boot/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [sharedOnce], logOverride },
  // undici is only needed by --verify: the sibling file keeps it out of every scan's start-up.
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli-bundle.js', plugins: [lazySiblings, sharedOnce, ...productionChecks], logOverride },
  { entryPoints: ['src/emulator/main.ts'], outfile: 'dist/emulator.js', banner: { js: '#!/usr/bin/env node' } },
  // The job report and transcript viewer webviews: browser scripts and their stylesheet, no library
  // (plain DOM), written into the page under a strict CSP (src/features/views/html.ts); so the map of
  // a development build travels inside the file, as a linked one could not be fetched.
  {
    entryPoints: { report: 'src/webview/report.ts', transcript: 'src/webview/transcript.ts', views: 'src/webview/views.css' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: production ? false : 'inline',
  },
];

async function main() {
  const contexts = await Promise.all(targets.map((t) => esbuild.context({ ...common, ...t })));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
