// The plugin lints itself: eslint-plugin-eslint-plugin's recommended rules on the rule files, and our
// own `all` config (from the build: `npm run lint` builds first) on everything that runs.
import tsParser from '@typescript-eslint/parser';
import eslintPlugin from 'eslint-plugin-eslint-plugin';

import asyncPitfalls from './dist/src/index.js';

export default [
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.bench-cache/', 'tests/fixtures/', 'examples/'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tsParser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['rules/**/*.ts'], ...eslintPlugin.configs.recommended },
  {
    files: ['src/**/*.ts', 'rules/**/*.ts', 'tests/**/*.ts', 'bench/**/*.mjs', '*.js'],
    ...asyncPitfalls.configs.all,
  },
  {
    // Tests run one at a time in their own worker; a sync fs call there blocks nobody else.
    files: ['tests/**/*.ts'],
    rules: { 'async-pitfalls/no-blocking-in-async': 'off' },
  },
];
