import type { TSESLint } from '@typescript-eslint/utils';

import { buildConfigs, NAMESPACE, type ConfigName } from './configs.js';
import { PACKAGE_NAME, VERSION } from './package-info.js';
import { rules } from './rules.js';

interface AsyncPitfallsPlugin {
  meta: { name: string; version: string; namespace: string };
  rules: typeof rules;
  configs: Record<ConfigName, TSESLint.FlatConfig.Config>;
}

const plugin: AsyncPitfallsPlugin = {
  meta: { name: PACKAGE_NAME, version: VERSION, namespace: NAMESPACE },
  rules,
  configs: {} as Record<ConfigName, TSESLint.FlatConfig.Config>,
};

// The configs reference the plugin object itself, so they are filled in once it exists.
Object.assign(plugin.configs, buildConfigs(plugin as unknown as TSESLint.FlatConfig.Plugin, rules));

export default plugin;
export { rules };
export const configs = plugin.configs;
