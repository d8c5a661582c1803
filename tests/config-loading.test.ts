import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/**
 * Users load the built plugin from eslint.config.js, .mjs or .cjs, with ESLint 10 or ESLint 9. Each is
 * run as a real ESLint process on a small file; the config-inspection flag prints the resolved rules,
 * which must hold ours.
 */
const dir = fileURLToPath(new URL('fixtures/config-loading/', import.meta.url));
const eslintBins = {
  'ESLint 10': fileURLToPath(new URL('../node_modules/eslint/bin/eslint.js', import.meta.url)),
  'ESLint 9': fileURLToPath(new URL('../node_modules/eslint9/bin/eslint.js', import.meta.url)),
};
const configs = ['eslint.config.js', 'eslint.config.mjs', 'eslint.config.cjs'];

describe.each(Object.entries(eslintBins))('%s', (_name, bin) => {
  it.each(configs)('loads the plugin from %s', (configFile) => {
    const run = (...args: string[]) =>
      execFileSync(process.execPath, [bin, '--config', configFile, ...args], { cwd: dir, encoding: 'utf8' });
    expect(run('sample.js')).toBe('');
    const resolved = JSON.parse(run('--print-config', 'sample.js')) as { rules?: Record<string, unknown> };
    const ours = Object.keys(resolved.rules ?? {}).filter((id) => id.startsWith('async-pitfalls/'));
    expect(ours.length).toBeGreaterThan(0);
  });
});
