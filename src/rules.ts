import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';

import noLeakedTimers from '../rules/no-leaked-timers.js';
import type { AsyncPitfallsDocs } from './util/create-rule.js';

export type AsyncPitfallsRule = RuleModule<string, readonly unknown[], AsyncPitfallsDocs>;

/** Every rule of the plugin, by id, sorted (a meta-test keeps it sorted and complete). */
export const rules: Record<string, AsyncPitfallsRule> = {
  'no-leaked-timers': noLeakedTimers,
};
