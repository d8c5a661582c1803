import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { isFunctionNode, type FunctionNode } from './get-enclosing-function.js';
import { getKeyName, getStaticPropertyName, isExpressionWrapper, isWrittenMember, skipExpressionWrappers } from './ast.js';
import { walkDescendants } from './walk.js';

/**
 * What a call's callee was declared as in this file, as far as scope analysis can tell:
 * the function itself (to read `async`, its body) and/or a written return type.
 */
export interface ResolvedFunction {
  fn: FunctionNode | null;
  returnType: TSESTree.TypeNode | null;
  /** The name the declaration gives, for messages (`save`, `Repo.save`). */
  name: string;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

// A call's callee resolves the same way for every rule and every question: once per call node (issue 12 §4).
const resolvedCalls = new WeakMap<TSESTree.CallExpression, ResolvedFunction | null>();

/** Resolves `f()`, `this.m()`, `obj.m()` (obj a `new C()` or `: C` of a class in this file) and `C.m()`. */
export function resolveCalledFunction(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): ResolvedFunction | null {
  let resolved = resolvedCalls.get(call);
  if (resolved === undefined) {
    resolved = resolveCallee(sourceCode, call);
    resolvedCalls.set(call, resolved);
  }
  return resolved;
}

function resolveCallee(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): ResolvedFunction | null {
  const callee = skipExpressionWrappers(call.callee);
  if (isFunctionNode(callee)) return { fn: callee, returnType: callee.returnType?.typeAnnotation ?? null, name: '' };
  if (callee.type === AST_NODE_TYPES.Identifier) return resolveIdentifierFunction(sourceCode, callee);
  if (callee.type === AST_NODE_TYPES.MemberExpression) return resolveMemberFunction(sourceCode, callee);
  return null;
}

export function resolveIdentifierFunction(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): ResolvedFunction | null {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return null;
  const name = id.name;
  if (def.type === 'Parameter') {
    if (def.name.type !== AST_NODE_TYPES.Identifier) return null;
    const annotated = functionTypeReturn(def.name.typeAnnotation?.typeAnnotation);
    return annotated ? { fn: null, returnType: annotated, name } : null;
  }
  switch (def.node.type) {
    case AST_NODE_TYPES.FunctionDeclaration:
      return { fn: def.node, returnType: def.node.returnType?.typeAnnotation ?? null, name };
    case AST_NODE_TYPES.TSDeclareFunction:
      return { fn: null, returnType: def.node.returnType?.typeAnnotation ?? null, name };
    case AST_NODE_TYPES.VariableDeclarator: {
      const declarator = def.node;
      if (declarator.id.type !== AST_NODE_TYPES.Identifier) return null;
      const annotated = functionTypeReturn(declarator.id.typeAnnotation?.typeAnnotation);
      if (annotated) return { fn: null, returnType: annotated, name };
      if (!isNeverReassigned(variable)) return null;
      const init = declarator.init && skipExpressionWrappers(declarator.init);
      if (init && isFunctionNode(init)) return { fn: init, returnType: init.returnType?.typeAnnotation ?? null, name };
      return null;
    }
    default:
      return null;
  }
}

export function resolveMemberFunction(sourceCode: TSESLint.SourceCode, member: TSESTree.MemberExpression): ResolvedFunction | null {
  const methodName = getStaticPropertyName(member);
  if (methodName === null) return null;
  const object = skipExpressionWrappers(member.object);
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    const cls = getThisClass(object);
    return cls ? findClassMember(cls, methodName, false) : null;
  }
  if (object.type !== AST_NODE_TYPES.Identifier) return null;
  const variable = ASTUtils.findVariable(sourceCode.getScope(object), object);
  const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!variable || !def) return null;
  if (def.node.type === AST_NODE_TYPES.ClassDeclaration) return findClassMember(def.node, methodName, true);
  const cls = getInstanceClass(sourceCode, def);
  if (cls) return findClassMember(cls, methodName, false);
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && isNeverReassigned(variable)) {
    const init = def.node.init && skipExpressionWrappers(def.node.init);
    if (init?.type === AST_NODE_TYPES.ObjectExpression) return findObjectMethod(init, methodName, object.name);
  }
  return null;
}

/** The class whose instance `this` is at this point: through arrows, stopping at the first method or function. */
export function getThisClass(node: TSESTree.Node): ClassNode | null {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === AST_NODE_TYPES.ArrowFunctionExpression) continue;
    if (current.type === AST_NODE_TYPES.FunctionDeclaration) return null;
    if (current.type === AST_NODE_TYPES.FunctionExpression) {
      const owner = current.parent;
      if (owner.type !== AST_NODE_TYPES.MethodDefinition && owner.type !== AST_NODE_TYPES.PropertyDefinition) return null;
      if (owner.static) return null;
      continue;
    }
    if (current.type === AST_NODE_TYPES.PropertyDefinition && current.static) return null;
    if (current.type === AST_NODE_TYPES.StaticBlock) return null;
    if (current.type === AST_NODE_TYPES.ClassBody) return current.parent;
  }
  return null;
}

/**
 * `this.detector` in a method of a class whose field `detector` only ever holds instances of one class
 * or nothing: the `Detector` of `new Detector(…)`, the identifier the caller resolves (a class of this
 * file, or an imported one). Sound only where no other code can write the field, so the field must be
 * declared in the class body as `private`, `readonly` or `#detector` (and not as a constructor parameter
 * property, which takes the caller's value), and every write of a property of that name anywhere in
 * this file must be `this.detector = new Detector(…)` (the same class) or `null`/`undefined`, in that
 * class; its initializer, if any, too. Null otherwise.
 */
export function getFieldClassName(sourceCode: TSESLint.SourceCode, member: TSESTree.MemberExpression): TSESTree.Identifier | null {
  const object = skipExpressionWrappers(member.object);
  if (object.type !== AST_NODE_TYPES.ThisExpression || member.computed) return null;
  const cls = getThisClass(object);
  const property = member.property;
  const name = property.type === AST_NODE_TYPES.Identifier || property.type === AST_NODE_TYPES.PrivateIdentifier ? property.name : null;
  if (!cls || name === null) return null;
  const isPrivateName = property.type === AST_NODE_TYPES.PrivateIdentifier;
  let perClass = fieldClasses.get(cls);
  if (!perClass) fieldClasses.set(cls, (perClass = new Map()));
  const key = `${isPrivateName ? '#' : ''}${name}`;
  let found = perClass.get(key);
  if (found === undefined) {
    found = findFieldClassName(sourceCode, cls, name, isPrivateName);
    perClass.set(key, found);
  }
  return found;
}

const fieldClasses = new WeakMap<ClassNode, Map<string, TSESTree.Identifier | null>>();

function findFieldClassName(sourceCode: TSESLint.SourceCode, cls: ClassNode, name: string, isPrivateName: boolean): TSESTree.Identifier | null {
  const keyMatches = (key: TSESTree.Node): boolean =>
    isPrivateName ? key.type === AST_NODE_TYPES.PrivateIdentifier && key.name === name : key.type === AST_NODE_TYPES.Identifier && key.name === name;
  let field: TSESTree.PropertyDefinition | null = null;
  for (const element of cls.body.body) {
    if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.static && !element.computed && keyMatches(element.key)) field = element;
    if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type === AST_NODE_TYPES.TSParameterProperty && param.parameter.type === AST_NODE_TYPES.Identifier && param.parameter.name === name) return null;
      }
    }
  }
  if (!field || field.declare || (!isPrivateName && field.accessibility !== 'private' && !field.readonly)) return null;
  let className: TSESTree.Identifier | null = null;
  // A value this field may hold: nothing, or a `new` of the one class.
  const accept = (value: TSESTree.Expression | null): boolean => {
    const inner = value && skipExpressionWrappers(value);
    if (!inner || (inner.type === AST_NODE_TYPES.Literal && inner.value === null) || (inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined')) return true;
    if (inner.type !== AST_NODE_TYPES.NewExpression || inner.callee.type !== AST_NODE_TYPES.Identifier) return false;
    if (className && inner.callee.name !== className.name) return false;
    className ??= inner.callee;
    return true;
  };
  if (!accept(field.value)) return null;
  let ok = true;
  walkDescendants(sourceCode.ast, (node) => {
    if (!ok) return false;
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && keyMatches(node.property) && isWrittenMember(node)) {
      const parent = node.parent;
      ok =
        parent.type === AST_NODE_TYPES.AssignmentExpression &&
        parent.operator === '=' &&
        parent.left === node &&
        node.object.type === AST_NODE_TYPES.ThisExpression &&
        getThisClass(node.object) === cls &&
        accept(parent.right);
    }
    return ok;
  });
  return ok ? className : null;
}

/** An instance method of a class, declared in its own body (`null` for a field, accessor or abstract member). */
export function findInstanceMethod(cls: ClassNode, name: string): FunctionNode | null {
  const resolved = findClassMember(cls, name, false);
  return resolved?.fn && resolved.fn.parent.type === AST_NODE_TYPES.MethodDefinition ? resolved.fn : null;
}

function getInstanceClass(sourceCode: TSESLint.SourceCode, def: TSESLint.Scope.Definition): ClassNode | null {
  let typeName: TSESTree.Node | null = null;
  if (def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier) {
    const annotation = def.node.id.typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference) typeName = annotation.typeName;
    const init = def.node.init && skipExpressionWrappers(def.node.init);
    if (!typeName && init?.type === AST_NODE_TYPES.NewExpression) typeName = init.callee;
  } else if (def.type === 'Parameter' && def.name.type === AST_NODE_TYPES.Identifier) {
    const annotation = def.name.typeAnnotation?.typeAnnotation;
    if (annotation?.type === AST_NODE_TYPES.TSTypeReference) typeName = annotation.typeName;
  }
  if (typeName?.type !== AST_NODE_TYPES.Identifier) return null;
  const classVariable = ASTUtils.findVariable(sourceCode.getScope(typeName), typeName.name);
  const classDef = classVariable?.defs.find((d) => d.node.type === AST_NODE_TYPES.ClassDeclaration);
  return classDef ? (classDef.node as TSESTree.ClassDeclaration) : null;
}

function findClassMember(cls: ClassNode, name: string, isStatic: boolean): ResolvedFunction | null {
  const className = cls.id?.name ?? 'class';
  for (const member of cls.body.body) {
    if (
      (member.type !== AST_NODE_TYPES.MethodDefinition &&
        member.type !== AST_NODE_TYPES.PropertyDefinition &&
        member.type !== AST_NODE_TYPES.TSAbstractMethodDefinition) ||
      member.static !== isStatic ||
      member.computed ||
      getKeyName(member.key) !== name
    ) {
      continue;
    }
    const qualified = `${className}.${name}`;
    if (member.type === AST_NODE_TYPES.PropertyDefinition) {
      const annotated = functionTypeReturn(member.typeAnnotation?.typeAnnotation);
      if (annotated) return { fn: null, returnType: annotated, name: qualified };
      const value = member.value && skipExpressionWrappers(member.value);
      return value && isFunctionNode(value)
        ? { fn: value, returnType: value.returnType?.typeAnnotation ?? null, name: qualified }
        : null;
    }
    if (member.kind !== 'method') return null;
    const value = member.value;
    const fn = value.type === AST_NODE_TYPES.FunctionExpression ? value : null;
    return { fn, returnType: value.returnType?.typeAnnotation ?? null, name: qualified };
  }
  return null;
}

function findObjectMethod(object: TSESTree.ObjectExpression, name: string, objectName: string): ResolvedFunction | null {
  for (const property of object.properties) {
    if (property.type !== AST_NODE_TYPES.Property || property.computed || getKeyName(property.key) !== name) continue;
    const value = skipExpressionWrappers(property.value as TSESTree.Expression);
    return isFunctionNode(value)
      ? { fn: value, returnType: value.returnType?.typeAnnotation ?? null, name: `${objectName}.${name}` }
      : null;
  }
  return null;
}

/** `(…) => Promise<T>` written as a type: its return type. */
function functionTypeReturn(type: TSESTree.TypeNode | undefined): TSESTree.TypeNode | null {
  if (type?.type === AST_NODE_TYPES.TSFunctionType) return type.returnType?.typeAnnotation ?? null;
  return null;
}

/** A variable written only by its declaration: what the declaration says is what every read sees. */
export function isNeverReassigned(variable: TSESLint.Scope.Variable): boolean {
  return variable.references.every((reference) => !reference.isWrite() || reference.init === true);
}

/**
 * The same-file function a call runs: `f()`, `this.m()`, `C.m()`, and `Obj.m()` where the file assigns
 * `Obj.m = function …` (the CommonJS module object pattern).
 */
export function resolveCalledOrAssignedFunction(sourceCode: TSESLint.SourceCode, call: TSESTree.CallExpression): FunctionNode | null {
  const resolved = resolveCalledFunction(sourceCode, call);
  if (resolved?.fn) return resolved.fn;
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return null;
  const text = getMemberPath(callee);
  if (text === null) return null;
  return getAssignedFunctions(sourceCode).get(text) ?? null;
}

/** `Emailer.getTemplates` → 'Emailer.getTemplates'; null for computed or deeper paths. */
function getMemberPath(member: TSESTree.MemberExpression): string | null {
  const object = skipExpressionWrappers(member.object);
  const property = getStaticPropertyName(member);
  return object.type === AST_NODE_TYPES.Identifier && property !== null ? `${object.name}.${property}` : null;
}

const assignedFunctions = new WeakMap<TSESLint.SourceCode, Map<string, FunctionNode>>();

/** Top-level `Obj.m = function …` / `Obj.m = async () => …` statements of the file, by `Obj.m`. */
function getAssignedFunctions(sourceCode: TSESLint.SourceCode): Map<string, FunctionNode> {
  let found = assignedFunctions.get(sourceCode);
  if (found) return found;
  found = new Map();
  for (const statement of sourceCode.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement) continue;
    const expression = statement.expression;
    if (expression.type !== AST_NODE_TYPES.AssignmentExpression || expression.left.type !== AST_NODE_TYPES.MemberExpression) continue;
    const value = skipExpressionWrappers(expression.right);
    const path = getMemberPath(expression.left);
    if (path !== null && isFunctionNode(value)) found.set(path, value);
  }
  assignedFunctions.set(sourceCode, found);
  return found;
}

/**
 * The variable a plain function of this file is declared as (`function f() {}`, `const f = () => …`), when
 * it is not exported and never reassigned: then its references are all the ways the function is reached.
 */
export function getPrivateFunctionVariable(sourceCode: TSESLint.SourceCode, fn: FunctionNode): TSESLint.Scope.Variable | null {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) {
    if (!fn.id || fn.parent.type === AST_NODE_TYPES.ExportNamedDeclaration || fn.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return null;
    const name = fn.id.name;
    const variable = sourceCode.getDeclaredVariables(fn).find((v) => v.name === name && v.defs.some((d) => d.type === 'FunctionName'));
    return variable && variable.defs.length === 1 && isNeverReassigned(variable) ? variable : null;
  }
  const declarator = fn.parent;
  if (
    declarator.type !== AST_NODE_TYPES.VariableDeclarator ||
    declarator.init !== fn ||
    declarator.id.type !== AST_NODE_TYPES.Identifier ||
    declarator.parent.parent?.type === AST_NODE_TYPES.ExportNamedDeclaration
  ) {
    return null;
  }
  const variable = sourceCode.getDeclaredVariables(declarator)[0];
  return variable && variable.defs.length === 1 && isNeverReassigned(variable) ? variable : null;
}

/** Every block `resolveCalledFunction` can take a function or a written return type from. */
export type FunctionLikeBlock =
  | FunctionNode
  | TSESTree.TSDeclareFunction
  | TSESTree.TSEmptyBodyFunctionExpression
  | TSESTree.TSFunctionType;

const namesWhere = new WeakMap<TSESLint.SourceCode, Map<(block: FunctionLikeBlock) => boolean, ReadonlySet<string>>>();

/**
 * The names under which `resolveCalledFunction` can reach a function-like block of this file that passes
 * `test` (a module-level function, so the answer is kept per file): a call whose callee names none of
 * them cannot resolve to such a block, and its scope look-ups can be skipped (issue 12 §4). Read from the
 * scope manager's function scopes, not from a walk of the tree; null when the file has no scope manager.
 */
export function getNamesOfFunctionsWhere(sourceCode: TSESLint.SourceCode, test: (block: FunctionLikeBlock) => boolean): ReadonlySet<string> | null {
  const scopeManager = sourceCode.scopeManager;
  if (!scopeManager) return null;
  let perFile = namesWhere.get(sourceCode);
  if (!perFile) namesWhere.set(sourceCode, (perFile = new Map()));
  let names = perFile.get(test);
  if (!names) {
    const found = new Set<string>();
    for (const scope of scopeManager.scopes) {
      if (scope.type !== 'function' && scope.type !== 'functionType') continue;
      const block = scope.block as TSESTree.Node;
      if (!isFunctionLikeBlock(block) || !test(block)) continue;
      const name = getResolvableName(block);
      if (name !== null) found.add(name);
    }
    perFile.set(test, (names = found));
  }
  return names;
}

/**
 * Whether a call's callee may resolve to a same-file function that passes `test`, judged by its name alone:
 * false when no such function carries that name, so the caller may skip the scope look-up (issue 12 §4).
 * `otherCallees` is the answer for callees that are neither a name nor a member.
 */
export function mayNameFunctionWhere(
  sourceCode: TSESLint.SourceCode,
  callee: TSESTree.Expression,
  test: (block: FunctionLikeBlock) => boolean,
  otherCallees: boolean,
): boolean {
  let name: string | null;
  if (callee.type === AST_NODE_TYPES.Identifier) name = callee.name;
  else if (callee.type === AST_NODE_TYPES.MemberExpression) name = getStaticPropertyName(callee);
  else return otherCallees;
  if (name === null) return false;
  return getNamesOfFunctionsWhere(sourceCode, test)?.has(name) ?? true;
}

function isFunctionLikeBlock(node: TSESTree.Node): node is FunctionLikeBlock {
  return (
    isFunctionNode(node) ||
    node.type === AST_NODE_TYPES.TSDeclareFunction ||
    node.type === AST_NODE_TYPES.TSEmptyBodyFunctionExpression ||
    node.type === AST_NODE_TYPES.TSFunctionType
  );
}

/**
 * The name a call gives to reach this block through `resolveCalledFunction`: a declared function's own
 * name; the variable, parameter or class property a function type annotates; the variable, method,
 * class property or object property a function (under `as`, `!`, `satisfies` …) is the value of.
 */
function getResolvableName(block: FunctionLikeBlock): string | null {
  if (block.type === AST_NODE_TYPES.FunctionDeclaration || block.type === AST_NODE_TYPES.TSDeclareFunction) return block.id?.name ?? null;
  if (block.type === AST_NODE_TYPES.TSFunctionType) {
    const holder = block.parent?.type === AST_NODE_TYPES.TSTypeAnnotation ? block.parent.parent : undefined;
    if (holder?.type === AST_NODE_TYPES.Identifier) return holder.name;
    return holder?.type === AST_NODE_TYPES.PropertyDefinition ? getKeyName(holder.key) : null;
  }
  let value: TSESTree.Node = block;
  while (value.parent && isExpressionWrapper(value.parent)) value = value.parent;
  const holder = value.parent;
  switch (holder?.type) {
    case AST_NODE_TYPES.VariableDeclarator:
      return holder.id.type === AST_NODE_TYPES.Identifier ? holder.id.name : null;
    case AST_NODE_TYPES.MethodDefinition:
    case AST_NODE_TYPES.TSAbstractMethodDefinition:
    case AST_NODE_TYPES.PropertyDefinition:
    case AST_NODE_TYPES.Property:
      return getKeyName(holder.key);
    default:
      return null;
  }
}

/** Whether `id` names no variable the file declares or imports: a global (`Promise`, `require`, `setTimeout`). */
export function isGlobalReference(sourceCode: TSESLint.SourceCode, id: TSESTree.Identifier): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(id), id);
  return !variable || variable.defs.length === 0;
}
