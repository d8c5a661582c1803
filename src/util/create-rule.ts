import * as ESLintUtils from '@typescript-eslint/utils/eslint-utils';

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

export const createRule = ESLintUtils.RuleCreator<AsyncPitfallsDocs>(getDocsUrl);
