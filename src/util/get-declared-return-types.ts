import type { TSESTree } from '@typescript-eslint/utils';
import { isIntrinsicAnyType, isIntrinsicErrorType, isIntrinsicUnknownType, isTypeParameter, unionConstituents } from './typescript.js';
import type * as ts from 'typescript';

import type { TypeServices } from './get-type-services.js';
import { safely } from './safe-checker.js';

/**
 * The return types a call can have, read from its callee's signatures, when that settles it: every
 * signature is non-generic and returns a concrete type. Null when the call itself must be checked
 * (generic signatures, `this` or type-parameter returns, `any`, no signatures).
 *
 * Why: the type of a call costs the checker much more than the type of its callee. It resolves the
 * overload and checks the arguments, so `run(async () => { … })` checks the whole callback. Most
 * statements call a method whose declared return type is plainly not a promise (`res.end()`,
 * `emitter.off(…)`); for those the callee answers, at a fraction of the cost (issue 12 §3).
 */
export function getDeclaredReturnTypes(services: TypeServices, call: TSESTree.CallExpression): readonly ts.Type[] | null {
  return safely(null, () => {
    const calleeType = services.getType(call.callee);
    if (isVague(calleeType)) return null;
    const returns: ts.Type[] = [];
    for (const part of unionConstituents(services.checker.getNonNullableType(calleeType))) {
      const signatures = part.getCallSignatures();
      if (signatures.length === 0) return null;
      for (const signature of signatures) {
        if (signature.typeParameters?.length) return null;
        const type = signature.getReturnType();
        if (isVague(type) || isTypeParameter(type)) return null;
        returns.push(type);
      }
    }
    return returns;
  });
}

function isVague(type: ts.Type): boolean {
  return isIntrinsicAnyType(type) || isIntrinsicUnknownType(type) || isIntrinsicErrorType(type);
}
