import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'coverage/', '**/*.tmp.*'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The core is pure: no I/O, no clock, no randomness (design.md section 2).
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['node:fs', 'node:net', 'node:http', 'node:child_process', 'better-sqlite3', 'pg', 'kysely'].map((name) => ({ name, message: 'src/core is pure: do I/O in src/app or an adapter' })) }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'src/core takes time as an argument' }, { object: 'Math', property: 'random', message: 'src/core is deterministic' }],
    },
  },
);
