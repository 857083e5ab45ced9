import tseslint from 'typescript-eslint';

// The extension's bundle loads at activation: these built-ins cost 3–4 ms to load, so the code the
// extension shares requires them on first use through src/core/lazyNode.ts (type imports are free).
const lazyBuiltins = {
  selector: "ImportDeclaration[importKind='value'][source.value=/^node:(child_process|crypto|net|worker_threads|stream)$/]",
  message: 'Require this built-in on first use through src/core/lazyNode.ts (activation must not load it); `import type` is fine.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'bench/.corpus/**', '.e2e-artifacts/**', 'test/fixtures/**', 'esbuild.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-require-imports': 'off',
      'no-console': 'off',
    },
  },
  {
    // src/core is pure: it runs in the CLI and unit tests, so it must never reach for the editor API.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core must not import vscode; put editor glue in src/features.' }],
          patterns: [{ group: ['**/features/**', '**/extension'], message: 'src/core must not depend on features.' }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='require'][arguments.0.value='vscode']",
          message: 'src/core must not require vscode.',
        },
        lazyBuiltins,
      ],
    },
  },
  {
    // Features talk to each other only through interfaces wired in extension.ts.
    files: ['src/features/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../emulator/**', '../../cli/**'], message: 'features must not import the emulator or the CLI.' },
            {
              regex: '^\\.\\./(?!shared/|\\.\\./)[^/]+/',
              message: 'Features do not import each other: add an interface in src/features/shared and wire it in extension.ts.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.property.name='commands'][callee.property.name='registerCommand']",
          message: 'Register commands through Commands.register (src/features/shared/commands.ts): it logs, ignores cancellation and shows catalogue errors.',
        },
        {
          selector: "CallExpression[callee.property.name='executeCommand'][arguments.0.value=/^speechApi\\./]",
          message: "Do not run the extension's own commands: call the feature's typed API, wired in extension.ts.",
        },
        {
          selector: "AssignmentExpression[left.property.name='command'] > Literal[value=/^speechApi\\./]",
          message: 'Name commands through COMMAND (src/features/shared/commandIds.ts).',
        },
        {
          selector: "Property[key.name='command'] > Literal[value=/^speechApi\\./]",
          message: 'Name commands through COMMAND (src/features/shared/commandIds.ts).',
        },
        lazyBuiltins,
      ],
    },
  },
);
