import type { TSESTree } from '@typescript-eslint/utils';
import { isTypeParameter, isVagueType, loadTypeScript, unionConstituents } from './typescript.js';
import type * as ts from 'typescript';

import type { TypeServices } from './get-type-services.js';
import { safely } from './safe-checker.js';

/**
 * The return types a call can have, read from its callee's signatures, when that settles it: every
 * signature returns a concrete type. Null when the call itself must be checked (`this` or type-parameter
 * returns, `any`, no signatures).
 *
 * Why: the type of a call costs the checker much more than the type of its callee. It resolves the
 * overload and checks the arguments, so `run(async () => { … })` checks the whole callback. Most
 * statements call a method whose declared return type is plainly not a promise (`res.end()`,
 * `emitter.off(…)`); for those the callee answers, at a fraction of the cost (issue 12 §3).
 *
 * A generic signature counts when its return type's outer shape does not depend on its type parameters:
 * `get<T>(path): Promise<T>` is a promise and not an array whatever `T` is; `first<T>(list): T` or a
 * conditional or mapped return is left to the checker. The types returned for a generic signature are
 * uninstantiated: a caller may ask what they are (a promise, an array), not what they hold.
 */
export function getDeclaredReturnTypes(services: TypeServices, call: TSESTree.CallExpression): readonly ts.Type[] | null {
  return safely(null, () => {
    const calleeType = services.getType(call.callee);
    if (isVagueType(calleeType)) return null;
    const returns: ts.Type[] = [];
    for (const part of unionConstituents(services.checker.getNonNullableType(calleeType))) {
      const signatures = part.getCallSignatures();
      if (signatures.length === 0) return null;
      for (const signature of signatures) {
        const type = signature.getReturnType();
        if (isVagueType(type) || isTypeParameter(type)) return null;
        if (signature.typeParameters?.length && !hasFixedShape(type)) return null;
        returns.push(type);
      }
    }
    return returns;
  });
}


/**
 * Whether instantiating the type's type parameters leaves its outer shape as it is: primitives and
 * literals, and object types that are neither mapped nor reverse-mapped (a reference such as `Promise<T>`
 * or `T[]`, an interface, a function), or a union of those. Type parameters, conditional, indexed-access,
 * substitution and intersection types can become anything.
 */
function hasFixedShape(type: ts.Type): boolean {
  const ts = loadTypeScript();
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((part) => {
    const F = ts.TypeFlags;
    const simple = F.String | F.Number | F.Boolean | F.BigInt | F.ESSymbol | F.UniqueESSymbol | F.Void | F.Undefined | F.Null | F.Never | F.Literal | F.EnumLiteral | F.Enum;
    if (part.flags & simple) return true;
    if (!(part.flags & ts.TypeFlags.Object)) return false;
    return ((part as ts.ObjectType).objectFlags & (ts.ObjectFlags.Mapped | ts.ObjectFlags.ReverseMapped)) === 0;
  });
}
