/**
 * When is a collection bounded: a constant upper bound on its length (literals, tuples, constant slices and
 * chunks, configured sizes), or null when run-time data decides it. Asked by no-unbounded-concurrency (how many
 * operations start at once) and no-blocking-in-async (whether a loop multiplies a cheap call by data size).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import { getTargetSymbol, isTupleTypeReference, isTypeParameter, isVagueType, loadTypeScript, skipTsOuterExpressions, unionConstituents } from './typescript.js';
import type * as ts from 'typescript';

import { RESULT_LIMIT_OPTIONS } from '../knowledge/scarce-operations.js';
import { getCalleeName, getConstantNumber, getKeyName, getStaticPropertyName, skipExpressionWrappers } from './ast.js';
import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import type { TypeServices } from './get-type-services.js';
import { getThisClass, isGlobalReference, isNeverReassigned } from './resolve-function.js';
import { forEachChild } from './walk.js';

/** What the bound analysis reads: the file and, when there is a program, its types. */
export interface BoundContext {
  sourceCode: TSESLint.SourceCode;
  services: TypeServices | null;
}

/** How deep the analysis follows variables, spreads and method chains. */
const MAX_DEPTH = 6;

/** Array methods whose result is no longer than their receiver. */
const SHRINKING_METHODS = new Set([
  'filter', 'reverse', 'toReversed', 'sort', 'toSorted', 'map', 'flatMap', 'slice', 'with', 'toSpliced', 'fill', 'keys', 'values', 'entries',
]);
const MUTATING_METHODS = new Set(['push', 'unshift', 'splice', 'fill', 'copyWithin']);
/** Names that say a number is a configured degree of parallelism, not a data size. */
const CONFIGURED_SIZE_PATTERN = /concurren|parallel|worker|thread|slot|limit|poolsize/i;
/** Helpers that cut a collection into pieces of a given width: `chunk(xs, 10)`, `toSlices(xs, n)`. */
const CHUNK_FUNCTION_PATTERN = /^(chunk|chunks|chunked|chunkArray|batch|batches|splitEvery|toSlices|slices|inGroupsOf)$/i;
/** Helpers that call back with one batch of a collection: `batch.processArray`, `processInChunks`, `eachBatch`. */
const BATCH_HELPER_PATTERN = /batch|chunk/i;

/** `batch.processArray` → 'batch.processArray'. */
function getCalleePathText(raw: TSESTree.Node): string {
  const callee = skipExpressionWrappers(raw as TSESTree.Expression);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return '';
  return `${getCalleePathText(callee.object)}.${getStaticPropertyName(callee) ?? ''}`;
}

/** `for (const batch of …)`: whoever named the loop variable a chunk or batch cut the collection to size. */
const CHUNK_VARIABLE_PATTERN = /^(chunk|batch|slice)$|(Chunk|Batch|Slice)$/;

export interface Bound {
  count: number;
}

/** A constant upper bound on the collection's length, or null when run-time data decides it. */
export function getBound(analysis: BoundContext, raw: TSESTree.Node, depth: number): Bound | null {
  if (depth > MAX_DEPTH) return null;
  const node = raw.type === AST_NODE_TYPES.SpreadElement ? raw : skipExpressionWrappers(raw as TSESTree.Expression);
  const syntactic = getSyntacticBound(analysis, node, depth);
  if (syntactic) return syntactic;
  return analysis.services && node.type !== AST_NODE_TYPES.SpreadElement ? getTypeBound(analysis.services, node) : null;
}

function getSyntacticBound(analysis: BoundContext, node: TSESTree.Node, depth: number): Bound | null {
  const { sourceCode } = analysis;
  switch (node.type) {
    case AST_NODE_TYPES.ArrayExpression: {
      let count = 0;
      for (const element of node.elements) {
        if (element?.type === AST_NODE_TYPES.SpreadElement) {
          const inner = getBound(analysis, element.argument, depth + 1);
          if (!inner) return null;
          count += inner.count;
        } else {
          count += 1;
        }
      }
      return { count };
    }
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? { count: node.value.length } : null;
    case AST_NODE_TYPES.ObjectExpression: {
      // The array-like of `Array.from({ length: 4 }, …)`.
      const length = findProperty(node, 'length');
      return length ? getLengthBound(sourceCode, length) : null;
    }
    case AST_NODE_TYPES.Identifier:
      return getIdentifierBound(analysis, node, depth);
    case AST_NODE_TYPES.ConditionalExpression:
      // `linux ? [a, b] : [c]`: no longer than its longer branch.
      return largestBound(analysis, [node.consequent, node.alternate], depth);
    case AST_NODE_TYPES.NewExpression:
    case AST_NODE_TYPES.CallExpression:
      return getCallBound(analysis, node, depth);
    case AST_NODE_TYPES.AwaitExpression:
      return getLimitedResultBound(sourceCode, node);
    case AST_NODE_TYPES.MemberExpression: {
      // `(await db.select().limit(10)).rows`, `page.data` of one page of a paginated request.
      const limited = getLimitedResultBound(sourceCode, node);
      if (limited) return limited;
      // `CONFIG.regions` where CONFIG is a const object literal.
      const property = getStaticPropertyName(node);
      const object = skipExpressionWrappers(node.object);
      // `this.#lockfileNames`, a getter of the class that returns array literals.
      if (property !== null && object.type === AST_NODE_TYPES.ThisExpression) return getGetterBound(analysis, object, property, depth);
      if (property === null || object.type !== AST_NODE_TYPES.Identifier) return null;
      const init = getConstInit(sourceCode, object);
      if (init?.type !== AST_NODE_TYPES.ObjectExpression) return null;
      const value = findProperty(init, property);
      return value ? getBound(analysis, value, depth + 1) : null;
    }
    default:
      return null;
  }
}

function getIdentifierBound(analysis: BoundContext, id: TSESTree.Identifier, depth: number): Bound | null {
  const { sourceCode } = analysis;
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return null;
  // `if (specs.length !== 2) throw …` before the use: the code bounds it.
  const guarded = getLengthGuardBound(analysis, variable, id);
  if (guarded) return guarded;
  if (def.type === 'Parameter') {
    if (def.name.type === AST_NODE_TYPES.Identifier) {
      const annotated = getTupleAnnotationLength(def.name.typeAnnotation?.typeAnnotation);
      if (annotated !== null) return { count: annotated };
    }
    // `chunk(xs, 10).forEach((batch) => …)`: a chunk of a constant width.
    const fn = def.node;
    if (isFunctionNode(fn) && fn.params[0] === def.name) {
      const call = fn.parent;
      if (call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === fn) {
        const callee = skipExpressionWrappers(call.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && ['forEach', 'map', 'flatMap'].includes(getStaticPropertyName(callee) ?? '')) {
          return getChunkWidth(analysis, callee.object);
        }
      }
      // `batch.processArray(ids, async (idsInBatch) => …)`: a helper hands the callback one batch at a time.
      if (call.type === AST_NODE_TYPES.CallExpression && call.arguments.some((argument) => argument === fn) && call.arguments[0] !== fn) {
        const path = getCalleePathText(call.callee);
        if (BATCH_HELPER_PATTERN.test(path)) return { count: 0 };
      }
    }
    return null;
  }
  if (def.node.type !== AST_NODE_TYPES.VariableDeclarator) return null;
  const declarator = def.node;
  // `for (const batch of chunk(xs, 10))`: each batch has at most 10 elements.
  const declaration = declarator.parent;
  const loop = declaration.parent;
  if (loop?.type === AST_NODE_TYPES.ForOfStatement && loop.left === declaration) {
    if (declarator.id !== def.name) return null;
    return getChunkWidth(analysis, loop.right) ?? (CHUNK_VARIABLE_PATTERN.test(id.name) ? { count: 0 } : null);
  }
  if (declarator.id.type !== AST_NODE_TYPES.Identifier) {
    if (!declarator.init || !isNeverReassigned(variable)) return null;
    // `const [rows, total] = await Promise.all([Model.findAll({ limit }), Model.count()])`: its own element.
    const element = getAwaitedTupleElement(declarator.id, declarator.init, id.name);
    // `const { data } = await octokit.rest.issues.list({ per_page: 50 })`: part of one limited page.
    return getLimitedResultBound(sourceCode, element ?? declarator.init);
  }
  const annotated = getTupleAnnotationLength(declarator.id.typeAnnotation?.typeAnnotation);
  if (annotated !== null) return { count: annotated };
  if (!declarator.init || isMutated(variable)) return null;
  // `let ids = []; if (…) ids = a.filter(…); else ids = s.split(',');`: bounded when every write is.
  if (!isNeverReassigned(variable)) return getWritesBound(analysis, variable, declarator.init, depth);
  if (isTypedList(analysis, variable)) return { count: 0 };
  return getBound(analysis, declarator.init, depth + 1);
}

/** The largest bound over a `let` variable's declaration and plain assignments, or null when one is unbounded. */
function getWritesBound(analysis: BoundContext, variable: TSESLint.Scope.Variable, init: TSESTree.Expression, depth: number): Bound | null {
  const writes: TSESTree.Node[] = [init];
  for (const reference of variable.references) {
    if (!reference.isWrite() || reference.init) continue;
    const assignment = reference.identifier.parent;
    if (assignment?.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return null;
    writes.push(assignment.right);
  }
  return largestBound(analysis, writes, depth);
}

/** The largest of several bounds, or null when any of them is unbounded. */
function largestBound(analysis: BoundContext, expressions: readonly TSESTree.Node[], depth: number): Bound | null {
  let count = 0;
  for (const expression of expressions) {
    const bound = getBound(analysis, expression, depth + 1);
    if (!bound) return null;
    count = Math.max(count, bound.count);
  }
  return { count };
}

/**
 * `const raw = settings.groupIds || ''` that the code elsewhere splits on commas or semicolons: a list a person
 * typed (or picked) in one setting, bounded as the split is, in its array form too.
 */
function isTypedList(analysis: BoundContext, variable: TSESLint.Scope.Variable): boolean {
  const def = variable.defs[0];
  if (def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init || isRequestInput(def.node.init)) return false;
  return variable.references.some((reference) => {
    const member = reference.identifier.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference.identifier || getStaticPropertyName(member) !== 'split') return false;
    const call = member.parent;
    return call.type === AST_NODE_TYPES.CallExpression && call.callee === member && call.arguments.length >= 1 && isListSeparator(call.arguments[0]!);
  });
}

/**
 * The rows of one query or the items of one page fetched with a literal limit: `await knex('t').limit(50)`,
 * `await prisma.user.findMany({ take: 20 })`, `(await list({ pageSize: 25 })).items`.
 */
function getLimitedResultBound(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node): Bound | null {
  let node = skipExpressionWrappers(raw as TSESTree.Expression);
  for (let step = 0; step < 16; step += 1) {
    if (node.type === AST_NODE_TYPES.AwaitExpression) node = skipExpressionWrappers(node.argument);
    else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed) node = skipExpressionWrappers(node.object);
    else break;
  }
  let limit: number | null = null;
  for (let step = 0; step < 16 && node.type === AST_NODE_TYPES.CallExpression; step += 1) {
    const callee = skipExpressionWrappers(node.callee);
    const method = callee.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(callee) : null;
    const first = node.arguments[0];
    if (method !== null && RESULT_LIMIT_OPTIONS.has(method) && first && first.type !== AST_NODE_TYPES.SpreadElement) {
      const value = getConstantNumber(sourceCode, first);
      if (value !== null) limit = Math.min(limit ?? value, value);
    }
    for (const argument of node.arguments) {
      const value = argument.type === AST_NODE_TYPES.ObjectExpression ? getLimitOption(sourceCode, argument, 0) : null;
      if (value !== null) limit = Math.min(limit ?? value, value);
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) break;
    node = skipExpressionWrappers(callee.object);
  }
  return limit === null ? null : { count: limit };
}

function getLimitOption(sourceCode: TSESLint.SourceCode, object: TSESTree.ObjectExpression, depth: number): number | null {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed) continue;
    const key = getKeyName(property.key);
    const value = skipExpressionWrappers(property.value as TSESTree.Expression);
    if (key !== null && RESULT_LIMIT_OPTIONS.has(key)) {
      const number = getConstantNumber(sourceCode, value);
      if (number !== null) return number;
      // `limit: ctx.state.pagination.limit`: one page of a paginated request, whatever its size.
      if (isPageSize(value)) return 0;
    }
    // `{ pagination: { pageSize: 20 } }`.
    if (depth === 0 && value.type === AST_NODE_TYPES.ObjectExpression) {
      const inner = getLimitOption(sourceCode, value, 1);
      if (inner !== null) return inner;
    }
  }
  return null;
}

function getCallBound(analysis: BoundContext, call: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): Bound | null {
  const { sourceCode } = analysis;
  const callee = skipExpressionWrappers(call.callee);
  const args = call.arguments;
  // `new Array(10)`, `Array(10)`, `Array.of(a, b)`.
  if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Array' && isGlobalReference(sourceCode, callee)) {
    if (args.length !== 1) return { count: args.length };
    // `Array(Math.min(n, 8))`: a cap written in the code.
    const size = getConstantNumber(sourceCode, args[0]!);
    return size === null ? getLengthBound(sourceCode, args[0]!) : { count: size };
  }
  if (call.type === AST_NODE_TYPES.NewExpression || callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const method = getStaticPropertyName(callee);
  const object = skipExpressionWrappers(callee.object as TSESTree.Expression);
  if (object.type === AST_NODE_TYPES.Identifier && isGlobalReference(sourceCode, object)) {
    if (object.name === 'Array' && method === 'of') return { count: args.length };
    if (object.name === 'Array' && method === 'from' && args[0] && args[0].type !== AST_NODE_TYPES.SpreadElement) {
      const source = skipExpressionWrappers(args[0]);
      if (source.type === AST_NODE_TYPES.ObjectExpression) {
        const length = findProperty(source, 'length');
        return length ? getLengthBound(sourceCode, length) : null;
      }
      return getBound(analysis, source, depth + 1);
    }
    if (object.name === 'Object' && (method === 'values' || method === 'keys' || method === 'entries') && args[0]) {
      return getObjectSizeBound(sourceCode, args[0]);
    }
  }
  if (method === null) return null;
  // `settings.recipients.split(/[;,]/)`: a list a person typed into one setting (not a request's input).
  if (method === 'split' && args.length >= 1 && isListSeparator(args[0]!) && !isRequestInput(callee.object)) return { count: 0 };
  if (method === 'slice') return getSliceBound(analysis, callee.object, args, depth);
  if (method === 'splice') {
    const count = args[1] ? getConstantNumber(sourceCode, args[1]) : null;
    return count === null ? null : { count: Math.max(0, count) };
  }
  if (method === 'concat') {
    let count = 0;
    for (const part of [callee.object, ...args]) {
      const bound = getBound(analysis, part, depth + 1);
      if (!bound) return null;
      count += bound.count;
    }
    return { count };
  }
  // `REGIONS.filter(…)`, `REGIONS.toSorted()`: no longer than the receiver. (For `flatMap` the bound counts
  // the callback's calls, which is what starts operations.)
  if (SHRINKING_METHODS.has(method)) return getBound(analysis, callee.object, depth + 1);
  return null;
}

/** `xs.slice(0, 10)`, `xs.slice(i, i + 10)`, `xs.slice(-5)`: a constant width, or the receiver's bound. */
function getSliceBound(
  analysis: BoundContext,
  receiver: TSESTree.Node,
  args: readonly TSESTree.CallExpressionArgument[],
  depth: number,
): Bound | null {
  const { sourceCode } = analysis;
  const [start, end] = args;
  let width: number | null = null;
  if (start && start.type !== AST_NODE_TYPES.SpreadElement) {
    const startValue = getConstantNumber(sourceCode, start);
    if (!end) {
      if (startValue !== null && startValue < 0) width = -startValue;
    } else if (end.type !== AST_NODE_TYPES.SpreadElement) {
      const endValue = getConstantNumber(sourceCode, end);
      if (startValue !== null && endValue !== null && startValue >= 0 && endValue >= 0) width = Math.max(0, endValue - startValue);
      else width = getOffsetWidth(sourceCode, start, end);
      // `xs.slice(0, Math.min(n, 10))`: a cap written in the code.
      const cappedEnd = skipExpressionWrappers(end);
      if (width === null && startValue !== null && startValue >= 0 && cappedEnd.type === AST_NODE_TYPES.CallExpression && isMathMin(sourceCode, cappedEnd.callee)) {
        const cap = getLengthBound(sourceCode, cappedEnd);
        if (cap !== null) width = Math.max(0, cap.count - startValue);
      }
    }
  }
  const whole = getBound(analysis, receiver, depth + 1);
  if (width === null) return whole;
  return { count: whole ? Math.min(width, whole.count) : width };
}

/** `slice(i, i + 10)` or `slice(i, Math.min(i + 10, xs.length))`: the width 10. */
function getOffsetWidth(sourceCode: TSESLint.SourceCode, start: TSESTree.Expression, rawEnd: TSESTree.Expression): number | null {
  const end = skipExpressionWrappers(rawEnd);
  if (end.type === AST_NODE_TYPES.CallExpression && isMathMin(sourceCode, end.callee)) {
    const widths = end.arguments
      .map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? null : getOffsetWidth(sourceCode, start, argument)))
      .filter((width): width is number => width !== null);
    return widths.length > 0 ? Math.min(...widths) : null;
  }
  if (end.type !== AST_NODE_TYPES.BinaryExpression || end.operator !== '+') return null;
  const startText = sourceCode.getText(skipExpressionWrappers(start));
  const left = end.left as TSESTree.Expression;
  if (sourceCode.getText(skipExpressionWrappers(left)) === startText) return getConstantNumber(sourceCode, end.right);
  if (sourceCode.getText(skipExpressionWrappers(end.right)) === startText) return getConstantNumber(sourceCode, left);
  return null;
}

/** The width of each element of `chunk(xs, 10)` (lodash, es-toolkit, remeda, hand-written): 10. */
function getChunkWidth(analysis: BoundContext, raw: TSESTree.Node): Bound | null {
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  if (node.type === AST_NODE_TYPES.CallExpression) {
    const name = getCalleeName(node);
    if (name !== null && CHUNK_FUNCTION_PATTERN.test(name)) {
      const size = node.arguments.at(-1);
      if (size && size.type !== AST_NODE_TYPES.SpreadElement) {
        const width = getConstantNumber(analysis.sourceCode, size);
        if (width !== null) return { count: width };
        // `toSlices(files, options.concurrency)`: a configured width.
        if (isConfiguredSize(skipExpressionWrappers(size))) return { count: 0 };
      }
    }
  }
  if (analysis.services) {
    // An array of tuples: each element is bounded by the tuple.
    const type = analysis.services.getType(node);
    const element = getElementType(analysis.services, type);
    return element ? getTupleLength(element) : null;
  }
  return null;
}

/** `{ length: 5 }` → 5; `{ length: concurrency }` is a configured size, taken as bounded. */
export function getLengthBound(sourceCode: TSESLint.SourceCode, raw: TSESTree.Node): Bound | null {
  const node = skipExpressionWrappers(raw as TSESTree.Expression);
  const value = getConstantNumber(sourceCode, node);
  if (value !== null) return { count: value };
  if (node.type === AST_NODE_TYPES.CallExpression && isMathMin(sourceCode, node.callee)) {
    const bounds = node.arguments.map((argument) => getLengthBound(sourceCode, argument)).filter((b): b is Bound => b !== null);
    return bounds.length > 0 ? { count: Math.min(...bounds.map((b) => b.count)) } : null;
  }
  return isConfiguredSize(node) ? { count: 0 } : null;
}

export function isConfiguredSize(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return CONFIGURED_SIZE_PATTERN.test(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return CONFIGURED_SIZE_PATTERN.test(getStaticPropertyName(node) ?? '');
  return false;
}

/** `Object.values(CONST_OBJECT)` or `Object.values(SomeEnum)`: bounded by the members written. */
function getObjectSizeBound(sourceCode: TSESLint.SourceCode, raw: TSESTree.CallExpressionArgument): Bound | null {
  if (raw.type === AST_NODE_TYPES.SpreadElement) return null;
  const node = skipExpressionWrappers(raw);
  if (node.type === AST_NODE_TYPES.ObjectExpression) return getObjectLiteralSize(node);
  if (node.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(node), node);
  if (!variable || variable.defs.length === 0) return null;
  const enumDefs = variable.defs.filter((def) => def.node.type === AST_NODE_TYPES.TSEnumDeclaration);
  if (enumDefs.length === variable.defs.length) {
    // Numeric members also map back from value to name: at most twice the members.
    const members = enumDefs.reduce((sum, def) => sum + getEnumMembers(def.node as TSESTree.TSEnumDeclaration).length, 0);
    return { count: members * 2 };
  }
  const init = getConstInit(sourceCode, node);
  return init?.type === AST_NODE_TYPES.ObjectExpression && !isMutated(variable) ? getObjectLiteralSize(init) : null;
}

function getEnumMembers(declaration: TSESTree.TSEnumDeclaration): readonly TSESTree.TSEnumMember[] {
  const withBody = declaration as unknown as { body?: { members: TSESTree.TSEnumMember[] }; members?: TSESTree.TSEnumMember[] };
  return withBody.body?.members ?? withBody.members ?? [];
}

function getObjectLiteralSize(object: TSESTree.ObjectExpression): Bound | null {
  if (object.properties.some((property) => property.type === AST_NODE_TYPES.SpreadElement)) return null;
  return { count: object.properties.length };
}

function getTypeBound(services: TypeServices, node: TSESTree.Node): Bound | null {
  const type = services.getType(node);
  return getTupleLength(type);
}

/** A tuple type (or a union of them) without rest elements: its largest length. */
function getTupleLength(type: ts.Type): Bound | null {
  let count = 0;
  for (const part of unionConstituents(type)) {
    if (!isTupleTypeReference(part) || part.target.hasRestElement) return null;
    count = Math.max(count, part.target.fixedLength);
  }
  return { count };
}

function getTupleAnnotationLength(annotation: TSESTree.TypeNode | undefined): number | null {
  let type = annotation;
  if (type?.type === AST_NODE_TYPES.TSTypeOperator && type.operator === 'readonly') type = type.typeAnnotation;
  if (type?.type !== AST_NODE_TYPES.TSTupleType) return null;
  if (type.elementTypes.some((element) => element.type === AST_NODE_TYPES.TSRestType)) return null;
  return type.elementTypes.length;
}

export function getElementType(services: TypeServices, type: ts.Type): ts.Type | null {
  const parts = unionConstituents(type);
  const elements: ts.Type[] = [];
  for (const part of parts) {
    const element = part.getNumberIndexType();
    if (!element) return null;
    elements.push(element);
  }
  if (elements.length === 1) return elements[0]!;
  return elements.length === 0 ? null : (services.checker as ts.TypeChecker & { getUnionType?: (types: ts.Type[]) => ts.Type }).getUnionType?.(elements) ?? elements[0]!;
}

/** Arrays and tuples (readonly too), or a type the checker cannot tell. */
export function isArrayTyped(services: TypeServices, node: TSESTree.Node): boolean {
  const type = services.getType(node);
  if (isUnknownish(type)) return true;
  return unionConstituents(type).every((part) => services.checker.isArrayType(part) || services.checker.isTupleType(part));
}

export function isUnknownish(type: ts.Type): boolean {
  return unionConstituents(type).some(
    (part) => isVagueType(part) || isTypeParameter(part),
  );
}

/** A variable whose array is changed in place (`xs.push(…)`, `xs.length = n`, `xs[i] = …`). */
export function isMutated(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.some((reference) => {
    const id = reference.identifier as TSESTree.Node;
    const member = id.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== id) return false;
    const parent = member.parent;
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === member) {
      return MUTATING_METHODS.has(getStaticPropertyName(member) ?? '');
    }
    return (
      (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === member) ||
      (parent.type === AST_NODE_TYPES.UpdateExpression && parent.argument === member)
    );
  });
}

/** Names of the object a paginated request keeps its page in: `ctx.state.pagination.limit`, `page.size`. */
const PAGINATION_OBJECT = /^(pagination|paging|page|pageInfo)$/i;

/** A page size read from the request's pagination: `ctx.state.pagination.limit`, `pagination.pageSize`. */
function isPageSize(node: TSESTree.Expression): boolean {
  if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
  const object = skipExpressionWrappers(node.object);
  const name = object.type === AST_NODE_TYPES.Identifier ? object.name : object.type === AST_NODE_TYPES.MemberExpression ? getStaticPropertyName(object) : null;
  return name !== null && PAGINATION_OBJECT.test(name);
}

/** Where a request's or a message's input is read from: `req.query.ids`, `ctx.request.body.to`, `event.body`. */
const REQUEST_INPUT_NAME = /^(req|request|ctx|context|event|body|query|params|searchParams|input|payload|message|msg|data|res|response)$/;

function isRequestInput(raw: TSESTree.Node): boolean {
  let node = skipExpressionWrappers(raw as TSESTree.Expression);
  for (let step = 0; step < 12; step += 1) {
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      if (REQUEST_INPUT_NAME.test(getStaticPropertyName(node) ?? '')) return true;
      node = skipExpressionWrappers(node.object);
    } else if (node.type === AST_NODE_TYPES.CallExpression) {
      node = skipExpressionWrappers(node.callee);
    } else if (node.type === AST_NODE_TYPES.LogicalExpression) {
      // `(req.query.ids || '')`.
      node = skipExpressionWrappers(node.left);
    } else {
      break;
    }
  }
  return node.type === AST_NODE_TYPES.Identifier && REQUEST_INPUT_NAME.test(node.name);
}

/** A separator people type lists with, in a setting or a form field: a comma or semicolon, in a string or a regex class. */
function isListSeparator(raw: TSESTree.CallExpressionArgument): boolean {
  if (raw.type === AST_NODE_TYPES.SpreadElement) return false;
  const node = skipExpressionWrappers(raw);
  if (node.type !== AST_NODE_TYPES.Literal) return false;
  const text = 'regex' in node && node.regex ? node.regex.pattern.replaceAll('\\s', '') : typeof node.value === 'string' ? node.value : null;
  if (text === null) return false;
  const rest = text.replace(/[\s[\]*+?|]/g, '');
  return rest.length > 0 && /^[,;]+$/.test(rest);
}

/**
 * `if (xs.length !== 2) throw …` (or `> K`, `>= K`) among the statements before the use, in the same
 * function, with a branch that leaves it: past that guard the collection has at most K elements.
 */
function getLengthGuardBound(analysis: BoundContext, variable: TSESLint.Scope.Variable, use: TSESTree.Identifier): Bound | null {
  if (!isNeverReassigned(variable) || isMutated(variable)) return null;
  for (let current: TSESTree.Node = use; current.parent; current = current.parent) {
    const parent: TSESTree.Node = current.parent;
    if (isFunctionNode(current)) break;
    if (parent.type !== AST_NODE_TYPES.BlockStatement && parent.type !== AST_NODE_TYPES.Program) continue;
    const statements = parent.body as readonly TSESTree.Node[];
    for (const statement of statements.slice(0, statements.indexOf(current))) {
      if (statement.type !== AST_NODE_TYPES.IfStatement || statement.alternate || !alwaysLeaves(statement.consequent)) continue;
      const cap = getLengthCap(analysis, statement.test, variable);
      if (cap !== null) return { count: cap };
    }
  }
  return null;
}

/** `xs.length !== K`, `xs.length > K`, `xs.length >= K` (or `||` of tests, one of them such): the cap K. */
function getLengthCap(analysis: BoundContext, raw: TSESTree.Expression, variable: TSESLint.Scope.Variable): number | null {
  const test = skipExpressionWrappers(raw);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator === '||') {
    return getLengthCap(analysis, test.left, variable) ?? getLengthCap(analysis, test.right, variable);
  }
  if (test.type !== AST_NODE_TYPES.BinaryExpression) return null;
  const left = skipExpressionWrappers(test.left as TSESTree.Expression);
  if (left.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(left) !== 'length') return null;
  const object = skipExpressionWrappers(left.object);
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  if (ASTUtils.findVariable(analysis.sourceCode.getScope(object), object) !== variable) return null;
  const value = getConstantNumber(analysis.sourceCode, test.right);
  if (value === null) return null;
  if (test.operator === '!==' || test.operator === '!=' || test.operator === '>') return value;
  if (test.operator === '>=') return Math.max(0, value - 1);
  return null;
}

/** A branch that always leaves the function: a `throw` or `return`, alone or last in its block. */
function alwaysLeaves(statement: TSESTree.Statement): boolean {
  const last = statement.type === AST_NODE_TYPES.BlockStatement ? statement.body.at(-1) : statement;
  return last?.type === AST_NODE_TYPES.ThrowStatement || last?.type === AST_NODE_TYPES.ReturnStatement;
}

/** `const [a, b] = await Promise.all([x, y])`: for `b`, the expression `y` (awaited, as the combinator does). */
function getAwaitedTupleElement(pattern: TSESTree.Node, rawInit: TSESTree.Expression, name: string): TSESTree.Expression | null {
  if (pattern.type !== AST_NODE_TYPES.ArrayPattern) return null;
  const index = pattern.elements.findIndex((element) => element?.type === AST_NODE_TYPES.Identifier && element.name === name);
  if (index === -1) return null;
  let init = skipExpressionWrappers(rawInit);
  if (init.type === AST_NODE_TYPES.AwaitExpression) init = skipExpressionWrappers(init.argument);
  if (init.type !== AST_NODE_TYPES.CallExpression) return null;
  const callee = skipExpressionWrappers(init.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || getStaticPropertyName(callee) !== 'all') return null;
  const list = init.arguments[0] && init.arguments[0].type !== AST_NODE_TYPES.SpreadElement ? skipExpressionWrappers(init.arguments[0]) : null;
  if (list?.type !== AST_NODE_TYPES.ArrayExpression) return null;
  if (list.elements.slice(0, index + 1).some((element) => element?.type === AST_NODE_TYPES.SpreadElement)) return null;
  const element = list.elements[index];
  return element && element.type !== AST_NODE_TYPES.SpreadElement ? element : null;
}

/** `this.#names` read through a getter of the class (`get #names() { return [a, b, c]; }`): its largest literal. */
function getGetterBound(analysis: BoundContext, self: TSESTree.ThisExpression, name: string, depth: number): Bound | null {
  const cls = getThisClass(self);
  if (!cls) return null;
  for (const member of cls.body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition || member.kind !== 'get' || member.static || member.computed) continue;
    if (getKeyName(member.key) !== name || member.value.type !== AST_NODE_TYPES.FunctionExpression) continue;
    const returned = getReturnedExpressions(member.value);
    return returned.length === 0 ? null : largestBound(analysis, returned, depth);
  }
  return null;
}

export function isMathMin(sourceCode: TSESLint.SourceCode, callee: TSESTree.Node): boolean {
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Math' &&
    isGlobalReference(sourceCode, callee.object) &&
    getStaticPropertyName(callee) === 'min'
  );
}

export function getConstInit(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): TSESTree.Expression | null {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || !isNeverReassigned(variable)) return null;
  return def.node.init ? skipExpressionWrappers(def.node.init) : null;
}

export function findProperty(object: TSESTree.ObjectExpression, name: string): TSESTree.Node | null {
  for (const property of object.properties) {
    if (property.type === AST_NODE_TYPES.Property && !property.computed && getKeyName(property.key) === name) return property.value;
  }
  return null;
}

export function getReturnedExpressions(fn: FunctionNode): TSESTree.Expression[] {
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: TSESTree.Expression[] = [];
  const visit = (node: TSESTree.Node): void => {
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return;
    forEachChild(node, visit);
  };
  visit(fn.body);
  return found;
}

/**
 * The checker-side twin of `getBound`, for code in other files of the program (which the linter has not
 * parsed), kept to the shapes that say "a few items written in the code": an array literal (its spreads
 * bounded too), a `const` never changed in place holding one, either branch of a conditional, a shrinking
 * method (`filter`, `slice`, …) of one, a call of a program function whose every return is one, or a tuple
 * type.
 */
export function hasConstantSize(checker: ts.TypeChecker, node: ts.Expression, depth = 0): boolean {
  const ts = loadTypeScript();
  if (depth > MAX_DEPTH) return false;
  const expression = skipTsOuterExpressions(node);
  if (ts.isArrayLiteralExpression(expression)) {
    return expression.elements.every((element) => !ts.isSpreadElement(element) || hasConstantSize(checker, element.expression, depth + 1));
  }
  if (ts.isConditionalExpression(expression)) {
    return hasConstantSize(checker, expression.whenTrue, depth + 1) && hasConstantSize(checker, expression.whenFalse, depth + 1);
  }
  if (ts.isIdentifier(expression)) {
    const declaration = getValueDeclaration(checker, expression);
    if (
      declaration &&
      ts.isVariableDeclaration(declaration) &&
      declaration.initializer &&
      ts.isVariableDeclarationList(declaration.parent) &&
      declaration.parent.flags & ts.NodeFlags.Const &&
      !isChangedInPlace(checker, declaration)
    ) {
      return hasConstantSize(checker, declaration.initializer, depth + 1);
    }
  } else if (ts.isCallExpression(expression)) {
    const callee = skipTsOuterExpressions(expression.expression);
    if (ts.isPropertyAccessExpression(callee) && SHRINKING_METHODS.has(callee.name.text)) return hasConstantSize(checker, callee.expression, depth + 1);
    const fn = ts.isIdentifier(callee) ? getValueDeclaration(checker, callee) : null;
    if (fn && (ts.isFunctionDeclaration(fn) || ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && fn.body && !fn.getSourceFile().isDeclarationFile) {
      const returned = getReturnedExpressionsTs(fn);
      if (returned.length > 0 && returned.every((value) => hasConstantSize(checker, value, depth + 1))) return true;
    }
  }
  try {
    return getTupleLength(checker.getTypeAtLocation(expression)) !== null;
  } catch {
    return false;
  }
}

function getValueDeclaration(checker: ts.TypeChecker, id: ts.Identifier): ts.Declaration | null {
  const ts = loadTypeScript();
  try {
    const declaration = getTargetSymbol(checker, id)?.valueDeclaration ?? null;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer) {
      const init = skipTsOuterExpressions(declaration.initializer);
      if (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) return init;
    }
    return declaration;
  } catch {
    return null;
  }
}

/** `xs.push(…)`, `xs[i] = …`, `xs.length = n` anywhere in the declaring file. */
function isChangedInPlace(checker: ts.TypeChecker, declaration: ts.VariableDeclaration): boolean {
  const ts = loadTypeScript();
  if (!ts.isIdentifier(declaration.name)) return true;
  const name = declaration.name.text;
  let symbol: ts.Symbol | undefined;
  try {
    symbol = checker.getSymbolAtLocation(declaration.name);
  } catch {
    return true;
  }
  let changed = false;
  const isOurs = (node: ts.Expression): boolean => {
    if (!ts.isIdentifier(node) || node.text !== name) return false;
    try {
      return checker.getSymbolAtLocation(node) === symbol;
    } catch {
      return true;
    }
  };
  const visit = (node: ts.Node): void => {
    if (changed) return;
    if (ts.isPropertyAccessExpression(node) && isOurs(node.expression)) {
      const parent = node.parent;
      if (ts.isCallExpression(parent) && parent.expression === node && MUTATING_METHODS.has(node.name.text)) changed = true;
      if (ts.isBinaryExpression(parent) && parent.left === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) changed = true;
    }
    if (ts.isElementAccessExpression(node) && isOurs(node.expression)) {
      const parent = node.parent;
      if (ts.isBinaryExpression(parent) && parent.left === node) changed = true;
    }
    ts.forEachChild(node, visit);
  };
  visit(declaration.getSourceFile());
  return changed;
}

function getReturnedExpressionsTs(fn: ts.FunctionLikeDeclaration): ts.Expression[] {
  const ts = loadTypeScript();
  const body = fn.body;
  if (!body) return [];
  if (!ts.isBlock(body)) return [body];
  const found: ts.Expression[] = [];
  let bare = false;
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node)) {
      if (node.expression) found.push(node.expression);
      else bare = true;
      return;
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, visit);
  };
  visit(body);
  return bare ? [] : found;
}
