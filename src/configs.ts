import type { TSESLint } from '@typescript-eslint/utils';

import type { AsyncPitfallsRule } from './rules.js';

export const NAMESPACE = 'async-pitfalls';

export type ConfigName = 'recommended' | 'strict' | 'all';

/** Which configs a rule's `meta.docs.recommended` puts it in. */
export function getConfigsOf(rule: AsyncPitfallsRule): ConfigName[] {
  switch (rule.meta.docs?.recommended) {
    case 'recommended':
      return ['recommended', 'strict', 'all'];
    case 'strict':
      return ['strict', 'all'];
    default:
      return ['all'];
  }
}

/**
 * The flat configs, derived from each rule's meta so that nothing is listed twice. Each registers the
 * plugin under its namespace; type information is used when the user's parser provides a program.
 */
export function buildConfigs(
  plugin: TSESLint.FlatConfig.Plugin,
  rules: Record<string, AsyncPitfallsRule>,
): Record<ConfigName, TSESLint.FlatConfig.Config> {
  const build = (name: ConfigName): TSESLint.FlatConfig.Config => ({
    name: `${NAMESPACE}/${name}`,
    plugins: { [NAMESPACE]: plugin },
    rules: Object.fromEntries(
      Object.entries(rules)
        .filter(([, rule]) => getConfigsOf(rule).includes(name))
        .map(([id]) => [`${NAMESPACE}/${id}`, 'error' as const]),
    ),
  });
  return { recommended: build('recommended'), strict: build('strict'), all: build('all') };
}
