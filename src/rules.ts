import type { RuleModule } from '@typescript-eslint/utils/ts-eslint';

import noBlockingInAsync from '../rules/no-blocking-in-async.js';
import noLeakedTimers from '../rules/no-leaked-timers.js';
import noMissingAwait from '../rules/no-missing-await.js';
import noMisusedAsyncCallback from '../rules/no-misused-async-callback.js';
import noSwallowedAbort from '../rules/no-swallowed-abort.js';
import noUnboundedConcurrency from '../rules/no-unbounded-concurrency.js';
import requireRequestTimeout from '../rules/require-request-timeout.js';
import requireSignalPropagation from '../rules/require-signal-propagation.js';
import returnAwaitInTry from '../rules/return-await-in-try.js';
import type { AsyncPitfallsDocs } from './util/create-rule.js';

export type AsyncPitfallsRule = RuleModule<string, readonly unknown[], AsyncPitfallsDocs>;

/** Every rule of the plugin, by id, sorted (a meta-test keeps it sorted and complete). */
export const rules: Record<string, AsyncPitfallsRule> = {
  'no-blocking-in-async': noBlockingInAsync,
  'no-leaked-timers': noLeakedTimers,
  'no-missing-await': noMissingAwait,
  'no-misused-async-callback': noMisusedAsyncCallback,
  'no-swallowed-abort': noSwallowedAbort,
  'no-unbounded-concurrency': noUnboundedConcurrency,
  'require-request-timeout': requireRequestTimeout,
  'require-signal-propagation': requireSignalPropagation,
  'return-await-in-try': returnAwaitInTry,
};
