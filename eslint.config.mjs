// Lint: typescript-eslint's type-aware rules over src/, test/, bench/ and the graph page.
// Formatting is Prettier's job (eslint-config-prettier turns off the rules it owns).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'src/core/validation/generated/',
      'out/',
      'out-*/',
      'dist/',
      '.vscode-test/',
      'test-artifacts/',
      '**/*.js',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Unused names are the compiler's job (noUnusedLocals / noUnusedParameters), with `_` for intent.
      '@typescript-eslint/no-unused-vars': 'off',
      // A forgotten promise loses an error silently; a deliberate one says `void`.
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Interfaces (ports, VS Code providers, bench suites) are async by contract even where one
      // implementation happens to finish synchronously.
      '@typescript-eslint/require-await': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'off',
    },
  },
  {
    // dagre's types are an ES module declaration (resolution-mode import) that tsc reads but
    // typescript-eslint's project service does not resolve; tsc type-checks these calls.
    files: ['src/core/graph/graphLayout.ts', 'src/core/graph/dagre.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    // Tests use mocha's `this`, chai-free asserts on `any` JSON and deliberate throwaway promises.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  prettier,
);
