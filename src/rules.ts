import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';

import noSwallowedAbort from '../rules/no-swallowed-abort.js';
import requireSignalPropagation from '../rules/require-signal-propagation.js';
import type { AsyncPitfallsDocs } from './util/create-rule.js';

export type AsyncPitfallsRule = RuleModule<string, readonly unknown[], AsyncPitfallsDocs>;

/** Every rule of the plugin, by id, sorted (a meta-test keeps it sorted and complete). */
export const rules: Record<string, AsyncPitfallsRule> = {
  'no-swallowed-abort': noSwallowedAbort as unknown as AsyncPitfallsRule,
  'require-signal-propagation': requireSignalPropagation as unknown as AsyncPitfallsRule,
};
