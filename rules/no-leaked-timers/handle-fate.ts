import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';

import { TIMER_CLOSE_METHODS, TIMER_READ_METHODS, TIMER_UNREF_METHOD } from '../../src/knowledge/timers.js';
import { getOuterExpression, getSimpleName, getStaticPropertyName, skipExpressionWrappers } from '../../src/util/ast.js';
import { getThisClass } from '../../src/util/resolve-function.js';
import { keyName } from './syntax.js';
import { createSourceText } from './source-text.js';
import type { ClassNode, HandleFate, TimerFile, Use, UseSummary } from './types.js';

/** What becomes of a timer's handle: thrown away, kept in a variable or field, unref'ed, or handed on; and whether it is ever cleared. */
export function createHandleFate(file: TimerFile) {
  const { sourceCode, allowUnref, membersByName, classesWithDynamicThis, namesDestructuredFromThis } = file;
  const { isPromiseExecutor } = createSourceText(sourceCode);
  const fieldGroups = new Map<string, FieldGroup>();
  return { getHandleFate, summarizeVariableUses, summarizeFieldUses, findHandleReads };

  function getHandleFate(call: TSESTree.CallExpression | TSESTree.Node): HandleFate {
    const outer = getOuterExpression(call);
    const parent = outer.parent;
    if (!parent) return { kind: 'escapes' };
    switch (parent.type) {
      case AST_NODE_TYPES.ExpressionStatement:
        return { kind: 'discarded', statement: parent };
      case AST_NODE_TYPES.UnaryExpression:
        return parent.operator === 'void' ? { kind: 'discarded', statement: null } : { kind: 'escapes' };
      case AST_NODE_TYPES.SequenceExpression:
        return parent.expressions.at(-1) === outer ? { kind: 'escapes' } : { kind: 'discarded', statement: null };
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== outer) return { kind: 'escapes' };
        const method = getStaticPropertyName(parent);
        const methodCall = getOuterExpression(parent).parent;
        if (methodCall?.type !== AST_NODE_TYPES.CallExpression || methodCall.callee !== getOuterExpression(parent)) return { kind: 'escapes' };
        if (method === TIMER_UNREF_METHOD) return allowUnref ? { kind: 'unref' } : getHandleFate(methodCall);
        // `ref()` and `refresh()` return the timer itself.
        if (method === 'ref' || method === 'refresh') return getHandleFate(methodCall);
        return { kind: 'escapes' };
      }
      case AST_NODE_TYPES.VariableDeclarator: {
        if (parent.init !== outer || parent.id.type !== AST_NODE_TYPES.Identifier) return { kind: 'escapes' };
        const declaration = parent.parent;
        if (declaration.kind === 'using' || declaration.kind === 'await using') return { kind: 'escapes' };
        if (declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration) return { kind: 'escapes' };
        const variable = ASTUtils.findVariable(sourceCode.getScope(parent.id), parent.id);
        return variable ? { kind: 'variable', variable } : { kind: 'escapes' };
      }
      case AST_NODE_TYPES.AssignmentExpression: {
        if (parent.right !== outer || parent.operator !== '=') return { kind: 'escapes' };
        // `a = b = setInterval()`: the value flows on.
        if (parent.parent.type !== AST_NODE_TYPES.ExpressionStatement) return { kind: 'escapes' };
        const left = parent.left;
        if (left.type === AST_NODE_TYPES.Identifier) {
          const variable = ASTUtils.findVariable(sourceCode.getScope(left), left);
          return variable && variable.defs.length > 0 ? { kind: 'variable', variable } : { kind: 'escapes' };
        }
        if (left.type === AST_NODE_TYPES.MemberExpression && left.object.type === AST_NODE_TYPES.ThisExpression) {
          const name = getStaticPropertyName(left);
          const cls = getThisClass(left.object);
          if (name !== null && cls) return { kind: 'field', cls, name };
        }
        return { kind: 'escapes' };
      }
      case AST_NODE_TYPES.ArrowFunctionExpression:
        // `new Promise((r) => setTimeout(r, ms))`: the executor's return value is ignored.
        return parent.body === outer && isPromiseExecutor(parent) ? { kind: 'discarded', statement: null } : { kind: 'escapes' };
      case AST_NODE_TYPES.PropertyDefinition: {
        // `timer = setInterval(…)` as a class field: one per instance.
        if (parent.value !== outer || parent.static || parent.computed) return { kind: 'escapes' };
        const name = keyName(parent.key);
        const cls = parent.parent.parent;
        return name !== null ? { kind: 'field', cls, name } : { kind: 'escapes' };
      }
      default:
        return { kind: 'escapes' };
    }
  }

  function summarizeVariableUses(variable: TSESLint.Scope.Variable): UseSummary {
    let summary: UseSummary = 'unused';
    for (const reference of variable.references) {
      if (reference.init) continue;
      if (reference.isWrite()) {
        if (reference.isRead()) return 'released';
        continue;
      }
      const use = classifyUse(reference.identifier as TSESTree.Identifier);
      if (use === 'release') return 'released';
      if (use === 'unref' && allowUnref) summary = 'unref';
    }
    return summary;
  }

  function summarizeFieldUses(cls: ClassNode, name: string): UseSummary {
    if (classesWithDynamicThis.has(cls) || namesDestructuredFromThis.has(name) || namesDestructuredFromThis.has('*')) return 'released';
    const group = getFieldGroup(name);
    let summary = group.othersSummary;
    if (summary === 'released') return summary;
    for (const member of membersOfRelatedClasses(group, cls)) {
      const use = summarizeMemberUse(member);
      if (use === 'released') return 'released';
      if (use === 'unref') summary = 'unref';
    }
    return summary;
  }

  /** What one mention of a field does to the handle it holds; assignments to it neither keep nor clear the old one. */
  function summarizeMemberUse(member: TSESTree.MemberExpression): UseSummary {
    const outer = getOuterExpression(member);
    const parent = outer.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === outer && parent.operator === '=') return 'unused';
    const use = classifyUse(member);
    if (use === 'release') return 'released';
    return use === 'unref' && allowUnref ? 'unref' : 'unused';
  }

  /**
   * The mentions of one field name, grouped once per file by the class whose `this` they go through, so a
   * timer's field is judged by its own class's mentions (and its sub- or base class's) without scanning every
   * same-named member in the file for every timer: linear in file size, not quadratic.
   */
  function getFieldGroup(name: string): FieldGroup {
    let group = fieldGroups.get(name);
    if (group) return group;
    group = { byOwner: new Map(), ownersByName: new Map(), ownersBySuperName: new Map(), othersSummary: 'unused' };
    for (const member of membersByName.get(name) ?? []) {
      const owner = member.object.type === AST_NODE_TYPES.ThisExpression ? getThisClass(member.object) : null;
      if (!owner) {
        // Another object's field of the same name, or `this` outside a class: it may hold this handle too.
        if (group.othersSummary !== 'released') {
          const use = summarizeMemberUse(member);
          if (use !== 'unused') group.othersSummary = use;
        }
        continue;
      }
      let members = group.byOwner.get(owner);
      if (!members) {
        group.byOwner.set(owner, (members = []));
        if (owner.id) pushTo(group.ownersByName, owner.id.name, owner);
        if (owner.superClass?.type === AST_NODE_TYPES.Identifier) pushTo(group.ownersBySuperName, owner.superClass.name, owner);
      }
      members.push(member);
    }
    fieldGroups.set(name, group);
    return group;
  }

  /** The class's own mentions, then those of classes it extends or that extend it (by name, as `extends` reads). */
  function* membersOfRelatedClasses(group: FieldGroup, cls: ClassNode): Generator<TSESTree.MemberExpression> {
    const related = new Set<ClassNode>([cls]);
    if (cls.id) for (const sub of group.ownersBySuperName.get(cls.id.name) ?? []) related.add(sub);
    if (cls.superClass?.type === AST_NODE_TYPES.Identifier) for (const base of group.ownersByName.get(cls.superClass.name) ?? []) related.add(base);
    for (const owner of related) yield* group.byOwner.get(owner) ?? [];
  }

  /** Every read of a kept handle (not its assignments), to see what stops the timer. */
  function findHandleReads(fate: HandleFate): TSESTree.Node[] {
    if (fate.kind === 'variable') {
      return fate.variable.references.filter((reference) => !reference.init && reference.isRead()).map((reference) => reference.identifier as TSESTree.Node);
    }
    if (fate.kind !== 'field') return [];
    return (getFieldGroup(fate.name).byOwner.get(fate.cls) ?? []).filter((member) => {
      const outer = getOuterExpression(member);
      return !(outer.parent?.type === AST_NODE_TYPES.AssignmentExpression && outer.parent.left === outer);
    });
  }

  /** What a read of the handle does with it: only reads that neither clear nor hand it on are `read`. */
  function classifyUse(node: TSESTree.Node): Use {
    const outer = getOuterExpression(node);
    const parent = outer.parent;
    if (!parent) return 'release';
    switch (parent.type) {
      case AST_NODE_TYPES.CallExpression:
        if (parent.callee === outer) return 'release';
        return isLoggingCall(parent) ? 'read' : 'release';
      case AST_NODE_TYPES.MemberExpression: {
        if (parent.object !== outer) return 'release';
        const name = getStaticPropertyName(parent);
        const methodCall = getOuterExpression(parent).parent;
        const isCalled = methodCall?.type === AST_NODE_TYPES.CallExpression && methodCall.callee === getOuterExpression(parent);
        if (name === TIMER_UNREF_METHOD && isCalled) return 'unref';
        if (name !== null && TIMER_READ_METHODS.has(name)) return 'read';
        if (name !== null && TIMER_CLOSE_METHODS.has(name)) return 'release';
        return 'release';
      }
      case AST_NODE_TYPES.UnaryExpression:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.ExpressionStatement:
      case AST_NODE_TYPES.IfStatement:
      case AST_NODE_TYPES.WhileStatement:
      case AST_NODE_TYPES.DoWhileStatement:
      case AST_NODE_TYPES.ForStatement:
      case AST_NODE_TYPES.SwitchStatement:
      case AST_NODE_TYPES.SwitchCase:
        return 'read';
      case AST_NODE_TYPES.ConditionalExpression:
        return parent.test === outer ? 'read' : classifyUse(parent);
      case AST_NODE_TYPES.LogicalExpression:
        return parent.left === outer && isTestPosition(parent) ? 'read' : classifyUse(parent);
      case AST_NODE_TYPES.SequenceExpression:
        return parent.expressions.at(-1) === outer ? classifyUse(parent) : 'read';
      default:
        return 'release';
    }
  }

  function isTestPosition(node: TSESTree.Node): boolean {
    const outer = getOuterExpression(node);
    const parent = outer.parent;
    if (!parent) return false;
    if (parent.type === AST_NODE_TYPES.ExpressionStatement) return true;
    if (
      (parent.type === AST_NODE_TYPES.IfStatement ||
        parent.type === AST_NODE_TYPES.WhileStatement ||
        parent.type === AST_NODE_TYPES.DoWhileStatement ||
        parent.type === AST_NODE_TYPES.ConditionalExpression) &&
      parent.test === outer
    ) {
      return true;
    }
    if (parent.type === AST_NODE_TYPES.UnaryExpression && parent.operator === '!') return true;
    return parent.type === AST_NODE_TYPES.LogicalExpression && isTestPosition(parent);
  }
}

const LOG_METHODS = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace', 'verbose']);

/** `console.log(id)`, `logger.debug(id)`, `debug(id)`: logging reads the handle and keeps nothing. */
function isLoggingCall(call: TSESTree.CallExpression): boolean {
  const callee = skipExpressionWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name === 'debug' || callee.name === 'log';
  if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
  const method = getStaticPropertyName(callee);
  if (method === null || !LOG_METHODS.has(method)) return false;
  const object = skipExpressionWrappers(callee.object);
  const objectName = getSimpleName(object);
  return objectName !== null && (objectName === 'console' || /log/iu.test(objectName));
}

interface FieldGroup {
  byOwner: Map<ClassNode, TSESTree.MemberExpression[]>;
  ownersByName: Map<string, ClassNode[]>;
  ownersBySuperName: Map<string, ClassNode[]>;
  /** What mentions through other objects do to the handle, the same for every class. */
  othersSummary: UseSummary;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
