import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { getKeyName } from './ast.js';
import type { TSESTree } from '@typescript-eslint/utils';
import { isTypeParameter, isVagueType, loadTypeScript, unionConstituents } from './typescript.js';
import type * as ts from 'typescript';

import type { TypeServices } from './get-type-services.js';
import type { ResolvedFunction } from './resolve-function.js';
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
export function getDeclaredReturnTypes(
  services: TypeServices,
  call: TSESTree.CallExpression,
  resolved: ResolvedFunction | null = null,
): readonly ts.Type[] | null {
  // Asked by several questions about the same call: answer once (the node is the file's, so is the cache).
  if (answers.has(call)) return answers.get(call)!;
  const answer = safely(null, () => readWrittenReturnType(services, resolved) ?? readReturnTypes(services, call));
  answers.set(call, answer);
  return answer;
}

/**
 * The return type written on the same-file function or method the call resolves to (`retrieve(id):
 * APIPromise<Run>`), read from the annotation alone: typing the callee would cost its receiver's whole
 * type first (`this`, `this.client`), and the annotation is what the checker would answer with. Not for
 * `this` returns, type parameters, or shapes that depend on them (the checker decides those).
 */
function readWrittenReturnType(services: TypeServices, resolved: ResolvedFunction | null): readonly ts.Type[] | null {
  const annotation = resolved?.returnType;
  if (!annotation || annotation.type === AST_NODE_TYPES.TSThisType || hasOverloads(annotation)) return null;
  const tsNode = services.getTsNode(annotation);
  if (!tsNode) return null;
  const type = services.checker.getTypeFromTypeNode(tsNode as ts.TypeNode);
  if (isVagueType(type) || isTypeParameter(type) || !hasFixedShape(type)) return null;
  return [type];
}

const answers = new WeakMap<TSESTree.CallExpression, readonly ts.Type[] | null>();

function readReturnTypes(services: TypeServices, call: TSESTree.CallExpression): readonly ts.Type[] | null {
  const method = readMethodOfConstCallResult(services, call);
  const callees = method?.types ?? readCalleeType(services, call);
  if (callees === null) return null;
  // Read from an uninstantiated generic return type: only outer shapes count (see `getDeclaredReturnTypes`).
  const uninstantiated = method?.uninstantiated === true;
  const returns: ts.Type[] = [];
  for (const part of callees) {
    const signatures = part.getCallSignatures();
    if (signatures.length === 0) return null;
    for (const signature of signatures) {
      let type = signature.getReturnType();
      // `emitter.on(…)` declared to return `this`: the call yields its receiver, whose type is at hand
      // (the full call type would check every argument, callbacks included).
      if (isThisType(type)) {
        const receiver = getReceiverType(services, call);
        if (receiver === null) return null;
        type = receiver;
      }
      if (isVagueType(type) || isTypeParameter(type)) return null;
      if ((uninstantiated || signature.typeParameters?.length) && !hasFixedShape(type)) return null;
      returns.push(type);
    }
  }
  return returns;
}

/** The members of the callee's own type (nullish ones left out): what the checker says `call.callee` is. */
function readCalleeType(services: TypeServices, call: TSESTree.CallExpression): readonly ts.Type[] | null {
  const calleeType = services.getType(call.callee);
  if (isVagueType(calleeType)) return null;
  return unionConstituents(services.checker.getNonNullableType(calleeType));
}

/**
 * `const sub = source.subscribe(observer); … sub.unsubscribe();`: the method's type read from the
 * declared return types of the call that initialised the receiver, not from the receiver's own type.
 * Typing the receiver costs the checker that whole call (it resolves the overload and checks every
 * argument, callbacks included); its callee's signatures say the same at a fraction of the cost
 * (issue 12 §3). For a `const` without annotation initialised by a plain call or a `new`, a named method
 * present on every declared return type (nullish ones left out), and a receiver that is a local name
 * (not an import). Also for a receiver that is itself such a call, `innerFrom(input).subscribe(…)`,
 * `new Response(body).blob()`, `queue.shift()!.run()`: the same question without the `const`. A
 * generic signature counts when its return type has a fixed outer shape, and then so must the method's
 * returns (`uninstantiated`): `pipe<A>(…): Observable<A>` then `.subscribe()` returns a `Subscription`
 * whatever `A` is, while a `get(): T | undefined` is left to the checker. Null when that does not
 * settle it: the caller types the callee itself.
 *
 * A type guard could narrow a `const` receiver to a subtype whose method returns something else; like
 * `readWrittenReturnType`, which does not follow overrides, this takes the declared type at its word.
 */
function readMethodOfConstCallResult(
  services: TypeServices,
  call: TSESTree.CallExpression,
): { types: readonly ts.Type[]; uninstantiated: boolean } | null {
  const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return null;
  const ts = loadTypeScript();
  const checker = services.checker;
  const init = callee.object.type === AST_NODE_TYPES.Identifier ? readConstInit(services, callee.object) : readCallReceiver(services, callee.object);
  if (init === null) return null;
  if (ts.isCallExpression(init) && (init.expression.kind === ts.SyntaxKind.SuperKeyword || init.expression.kind === ts.SyntaxKind.ImportKeyword)) return null;
  const initCallee = checker.getTypeAtLocation(init.expression);
  if (isVagueType(initCallee)) return null;
  const receivers: ts.Type[] = [];
  let uninstantiated = false;
  for (const part of unionConstituents(checker.getNonNullableType(initCallee))) {
    const signatures = ts.isNewExpression(init) ? part.getConstructSignatures() : part.getCallSignatures();
    if (signatures.length === 0) return null;
    for (const signature of signatures) {
      const returned = signature.getReturnType();
      if (signature.typeParameters?.length) {
        if (!hasFixedShape(returned)) return null;
        uninstantiated = true;
      }
      receivers.push(...unionConstituents(returned));
    }
  }
  const nullish = ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void;
  const methods: ts.Type[] = [];
  for (const receiver of receivers) {
    if (receiver.flags & nullish) continue;
    if (isVagueType(receiver) || isTypeParameter(receiver)) return null;
    const method = checker.getPropertyOfType(checker.getApparentType(receiver), callee.property.name);
    if (!method) return null;
    const methodType = checker.getTypeOfSymbol(method);
    if (isVagueType(methodType)) return null;
    methods.push(...unionConstituents(checker.getNonNullableType(methodType)));
  }
  return methods.length > 0 ? { types: methods, uninstantiated } : null;
}

/** The call or `new` that initialises a local `const` without annotation (or `!`), parentheses skipped. */
function readConstInit(services: TypeServices, id: TSESTree.Identifier): ts.CallExpression | ts.NewExpression | null {
  const ts = loadTypeScript();
  const symbol = services.checker.getSymbolAtLocation(services.getTsNode(id));
  const declaration = symbol?.valueDeclaration;
  if (
    !declaration ||
    !ts.isVariableDeclaration(declaration) ||
    !ts.isIdentifier(declaration.name) ||
    declaration.type ||
    declaration.exclamationToken ||
    !declaration.initializer ||
    !ts.isVariableDeclarationList(declaration.parent) ||
    (declaration.parent.flags & ts.NodeFlags.Const) === 0
  ) {
    return null;
  }
  let init: ts.Expression = declaration.initializer;
  while (ts.isParenthesizedExpression(init)) init = init.expression;
  return ts.isCallExpression(init) || ts.isNewExpression(init) ? init : null;
}

/**
 * A receiver that is itself a call or a `new` (`innerFrom(x).subscribe`, `queue.shift()!.run`): its TS
 * node, parentheses and `!` skipped (a `!` only drops the nullish members, which are left out anyway).
 * Not an optional call (`a?.b().c`): the chain's `undefined` is the checker's to place.
 */
function readCallReceiver(services: TypeServices, object: TSESTree.Expression): ts.CallExpression | ts.NewExpression | null {
  const ts = loadTypeScript();
  let inner = object;
  while (inner.type === AST_NODE_TYPES.TSNonNullExpression) inner = inner.expression;
  if ((inner.type !== AST_NODE_TYPES.CallExpression || inner.optional) && inner.type !== AST_NODE_TYPES.NewExpression) return null;
  const tsNode = services.getTsNode(inner);
  return tsNode && (ts.isCallExpression(tsNode) || ts.isNewExpression(tsNode)) ? tsNode : null;
}

/**
 * Whether the annotated function is one of several declarations of a class member (overloads, whose
 * chosen signature only the checker knows). A function or variable is resolved only when it has one.
 */
function hasOverloads(annotation: TSESTree.TypeNode): boolean {
  const fn = annotation.parent?.parent;
  const member = fn?.parent;
  if (member?.type !== AST_NODE_TYPES.MethodDefinition && member?.type !== AST_NODE_TYPES.TSAbstractMethodDefinition) return false;
  const name = getKeyName(member.key);
  return (
    member.computed ||
    name === null ||
    member.parent.body.some(
      (other) =>
        other !== member &&
        (other.type === AST_NODE_TYPES.MethodDefinition || other.type === AST_NODE_TYPES.TSAbstractMethodDefinition) &&
        other.static === member.static &&
        !other.computed &&
        getKeyName(other.key) === name,
    )
  );
}

/**
 * The polymorphic `this` type of a class or interface: a type parameter whose symbol is the class or
 * interface itself, not a declared type parameter.
 */
function isThisType(type: ts.Type): boolean {
  const ts = loadTypeScript();
  return isTypeParameter(type) && type.symbol !== undefined && (type.symbol.flags & ts.SymbolFlags.TypeParameter) === 0;
}

/**
 * What `this` is in the callee `receiver.method`: the receiver's type, when it is a concrete one (a
 * class instance, or the class's own `this` inside it, judged by its constraint). Null for `super.m()`
 * and computed or unknown receivers.
 */
function getReceiverType(services: TypeServices, call: TSESTree.CallExpression): ts.Type | null {
  const callee = call.callee.type === AST_NODE_TYPES.ChainExpression ? call.callee.expression : call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.object.type === AST_NODE_TYPES.Super) return null;
  const receiver = services.getType(callee.object);
  if (isVagueType(receiver)) return null;
  if (!isTypeParameter(receiver)) return services.checker.getNonNullableType(receiver);
  // `this.on(…)` inside the class: `this` is the class's this-type; its constraint is the class.
  const constraint = services.checker.getBaseConstraintOfType(receiver);
  return constraint && !isVagueType(constraint) && !isTypeParameter(constraint) ? constraint : null;
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
