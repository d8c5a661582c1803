import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { TypeServices } from '../../src/util/get-type-services.js';

/** What the analyses need from the rule: the file, its types, the options, and the two questions they ask. */
export interface Analysis {
  sourceCode: TSESLint.SourceCode;
  services: TypeServices | null;
  maxConcurrency: number;
  /** Report operations the classifier cannot see into (`reportUnknownOperations`). */
  reportUnknown: boolean;
  isLimitingCall(call: TSESTree.CallExpression): boolean;
  isPromise(node: TSESTree.Expression): boolean;
}

/** A `.map`/`.flatMap`/`Array.from` that makes the promises. */
export interface MappedCollection {
  call: TSESTree.CallExpression;
  method: 'map' | 'flatMap' | 'from';
  receiver: TSESTree.Expression;
  callback: TSESTree.CallExpressionArgument;
}

/** `pool`: the operations are database queries, which wait for a pool slot rather than open something each. */
export type Finding =
  | { kind: 'collection'; collection: string; map?: MappedCollection; pool?: boolean }
  | { kind: 'tooMany'; collection: string; count: number; map?: MappedCollection }
  | { kind: 'loop'; collection: string; array: string; map?: undefined; pool?: boolean }
  | { kind: 'iterable'; collection: string; map?: undefined };

/** How deep the analyses follow variables, spreads and method chains. */
export const MAX_DEPTH = 6;
