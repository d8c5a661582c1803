import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    setupFiles: ['tests/setup.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // The typed tester builds TypeScript programs; give the first test of a file time to warm up.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
