import type { TSESLint } from '@typescript-eslint/utils';
import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';

import { isCheckerFailure } from './safe-checker.js';

/** Where the project lives; the one place the repository owner is named. */
export const REPOSITORY_URL = 'https://github.com/async-pitfalls/eslint-plugin-async-pitfalls';

export function getDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

/**
 * The docs of every rule of ours. `recommended` chooses the config a rule sits in:
 * 'recommended' (almost never wrong) or 'strict' (right for server code, needs judgement);
 * absent, the rule is only in `all`.
 */
export interface AsyncPitfallsDocs {
  description: string;
  recommended?: 'recommended' | 'strict';
  /** Always false for our rules: type information only sharpens them. */
  requiresTypeChecking: false;
  /** Whether the rule asks the type checker when the user's parser provides a program. */
  usesTypeInformation: boolean;
}

const creator = ESLintUtils.RuleCreator<AsyncPitfallsDocs>(getDocsUrl);

/**
 * `ESLintUtils.RuleCreator` with one safety net: a listener that meets an exception thrown inside
 * TypeScript (a checker call the rule did not guard, such as a method of a `ts.Type`) treats it as
 * "unknown" and reports nothing for that node, instead of ending the user's whole lint run. Errors of
 * our own still throw. The guarded checker (safe-checker.ts) catches the common cases closer to the
 * question, where the rule can still give its syntactic answer.
 */
export const createRule: typeof creator = (spec) => {
  const rule = creator(spec);
  const defaults = (spec.meta.defaultOptions ?? spec.defaultOptions ?? []) as unknown[];
  // RuleCreator merges the defaults into the options with a `structuredClone` for every file and rule
  // (a tenth of our untyped cost on real code); the merge depends only on the options, so it is done once
  // per distinct options value. Rules never mutate their options.
  const merged = new Map<string, unknown[]>();
  // ESLint builds a new options array for every file, but when the config gives no options its one
  // element is the same defaults object each time: keyed by that object, no key needs computing.
  const byElement = new WeakMap<object, unknown[]>();
  const create = spec.create as (context: Parameters<typeof rule.create>[0], options: unknown) => TSESLint.RuleListener;
  return {
    ...rule,
    create: (context) => {
      const given = context.options as readonly unknown[];
      const element = given.length === 0 ? NO_OPTIONS : given.length === 1 && typeof given[0] === 'object' && given[0] !== null ? given[0] : given;
      let options = byElement.get(element);
      if (!options) {
        const key = JSON.stringify(given);
        options = merged.get(key);
        if (!options) {
          options = ESLintUtils.applyDefault(defaults, given as unknown[]);
          if (merged.size > 100) merged.clear();
          merged.set(key, options);
        }
        byElement.set(element, options);
      }
      const listeners = create(context, options);
      // Without a program no rule calls into TypeScript, so there is nothing to guard (and no wrapper to pay for).
      return context.sourceCode.parserServices?.program ? guardListeners(listeners) : listeners;
    },
  } as typeof rule;
};

/** The key for an empty options array (ESLint makes a new one for every file). */
const NO_OPTIONS = {};

function guardListeners<T extends TSESLint.RuleListener>(listeners: T): T {
  const guarded: Record<string, unknown> = {};
  for (const [selector, listener] of Object.entries(listeners)) {
    guarded[selector] =
      typeof listener === 'function'
        ? function (this: unknown, ...args: unknown[]) {
            try {
              return (listener as (...a: unknown[]) => unknown).apply(this, args);
            } catch (error) {
              if (!isCheckerFailure(error)) throw error;
              return undefined;
            }
          }
        : listener;
  }
  return guarded as T;
}
