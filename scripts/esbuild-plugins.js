// esbuild plugins shared by esbuild.js (the extension, CLI and emulator bundles) and
// scripts/hook-bundle.js (the committed standalone scanner).
const fs = require('fs');
const path = require('path');

// undici, ws and jsonc-parser go into their own files next to the extension so activation does not
// parse them; the HTTP layer, live sessions and the restricted-mode notice require them on first use.
const lazySiblings = {
  name: 'lazy-siblings',
  setup(build) {
    build.onResolve({ filter: /^(undici|ws|jsonc-parser)$/ }, (args) => ({ path: `./${args.path}.js`, external: true }));
  },
};

/** The top-level values of the `vscode` API (namespaces, classes, enums), from its type declarations. */
function vscodeValueNames() {
  const text = fs.readFileSync(require.resolve('@types/vscode/index.d.ts', { paths: [process.cwd(), __dirname] }), 'utf8');
  return [...new Set([...text.matchAll(/^\texport (?:class|namespace|enum|const|let|function) (\w+)/gm)].map((m) => m[1]))];
}

/**
 * `vscode`: every top-level value of the API, each read once. A built-in: its default export only, so
 * `import fs from 'node:fs'` is the one way to import it (a named import is a build error, below);
 * listing a built-in's exports would depend on which of its lazy getters this Node had run.
 */
function shimSource(id) {
  const lines = [`const m = require(${JSON.stringify(id)});`, 'export default m;'];
  if (id === 'vscode') for (const name of vscodeValueNames()) lines.push(`export const ${name} = m.${name};`);
  return lines.join('\n');
}

// For `import * as vscode from 'vscode'` or `import fs from 'node:fs'` of a module outside the bundle,
// esbuild emits a copy of the whole module per importing file: one getter per export (hundreds for
// vscode, ≈ 100 for node:fs), defined at load time. One ES module per such import instead reads each
// export once into a plain binding, and esbuild turns `vscode.window` into a direct reference. This
// took ≈ 2 ms off activation (npm run bench -- activation) and ≈ 1.5 ms off every CLI start, and
// 0.6 ms more off each from the two small loaders in src/boot (their four built-ins). Only
// import statements come here: a require() (core/lazyNode.ts) still loads its module on first use.
const SHARED_ONCE = /^(vscode|node:(fs|path|os|vm|module))$/;
const NAMESPACE = 'shared-once';
const sharedOnce = {
  name: 'shared-once',
  setup(build) {
    build.onResolve({ filter: SHARED_ONCE }, (args) => {
      if (args.namespace === NAMESPACE) return { path: args.path, external: true };
      if (args.kind !== 'import-statement') return undefined;
      return { path: args.path, namespace: NAMESPACE };
    });
    build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
      contents: shimSource(args.path),
      loader: 'js',
      resolveDir: path.resolve(__dirname, '..'),
    }));
  },
};

// src/core/codeCache.ts decodes an ASCII bundle as Latin-1 (≈ 0.6 ms less than UTF-8 for the
// extension's 420 KB). esbuild escapes non-ASCII in strings but not in regular expressions (write
// those as \uXXXX); a minified bundle has no comments, so a production build must be all ASCII.
const asciiOnly = {
  name: 'ascii-only',
  setup(build) {
    build.onEnd((result) => {
      const file = build.initialOptions.outfile;
      if (result.errors.length || !file || !fs.existsSync(file)) return undefined;
      const bytes = fs.readFileSync(file);
      const at = bytes.findIndex((b) => b > 0x7f);
      if (at < 0) return undefined;
      const context = bytes.subarray(Math.max(0, at - 40), at + 20).toString('utf8');
      return {
        errors: [
          {
            text: `${path.basename(file)} must be ASCII (src/core/codeCache.ts then decodes it as Latin-1, faster); byte ${at} is not, near: ${context}. Write the character as \\uXXXX.`,
          },
        ],
      };
    });
  },
};

/** A value read from `vscode` or a built-in that the shim does not export is a build error, not `undefined` at run time. */
const logOverride = { 'import-is-undefined': 'error' };

module.exports = { lazySiblings, sharedOnce, asciiOnly, logOverride };
