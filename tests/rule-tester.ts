import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { RuleTester } from '@typescript-eslint/rule-tester';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** No type information: what users get on plain JS and on TS without a tsconfig. */
export const plainTester = new RuleTester({
  languageOptions: {},
});

/**
 * Type information through the project service over tests/fixtures. Test code is linted as
 * tests/fixtures/file.ts unless a case names another fixture file (file.tsx, file.js, file.cjs, …).
 */
export const typedTester = new RuleTester({
  languageOptions: {
    parserOptions: {
      projectService: { allowDefaultProject: ['*.js', '*.cjs', '*.mjs', '*.jsx'] },
      tsconfigRootDir: fixturesDir,
    },
  },
  defaultFilenames: { ts: 'file.ts', tsx: 'file.tsx' },
});

/** The path of a fixture file, for cases that need a particular name (`filename: fixture('file.tsx')`). */
export function fixture(name: string): string {
  return path.join(fixturesDir, name);
}
