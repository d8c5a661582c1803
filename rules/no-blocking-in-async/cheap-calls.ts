import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import type { BlockingCallInfo } from '../../src/knowledge/blocking-calls.js';

/** Which of the calls bounded by one path the options ask to report everywhere (else only inside loops). */
export interface CheapCallOptions {
  checkExistsSync: boolean;
  checkMetadataCalls: boolean;
  checkFileReadsAndWrites: boolean;
}

/**
 * Whether this call is one the options leave to loops: an existence check, a `stat`/`mkdir`/`unlink`-like
 * call on one path, a removal whose options do not ask for a recursive walk (`rmSync(p, { recursive:
 * true })` walks a tree and stays reported), or, when `checkFileReadsAndWrites` is off, a read or write
 * of one file.
 */
export function isExemptCheapCall(call: TSESTree.CallExpression, info: BlockingCallInfo, options: CheapCallOptions): boolean {
  switch (info.cost) {
    case 'exists':
      return !options.checkExistsSync;
    case 'metadata':
      return !options.checkMetadataCalls;
    case 'unless-recursive':
      return !options.checkMetadataCalls && !mayBeRecursive(call);
    case 'file':
      return !options.checkFileReadsAndWrites;
    default:
      return false;
  }
}

/** The options argument is absent, or written out without a `recursive` that may be true. */
function mayBeRecursive(call: TSESTree.CallExpression): boolean {
  const options = call.arguments[1];
  if (!options) return false;
  if (options.type !== AST_NODE_TYPES.ObjectExpression) return true;
  return options.properties.some((property) => {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) return true;
    const key = property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : String((property.key as TSESTree.Literal).value);
    if (key !== 'recursive') return false;
    return !(property.value.type === AST_NODE_TYPES.Literal && property.value.value === false);
  });
}
