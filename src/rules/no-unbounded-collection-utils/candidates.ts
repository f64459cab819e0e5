/**
 * The long-lived collections of a file and every use of each: module-scope bindings
 * (`const cache = new Map()`), static fields, and instance fields of classes that live as
 * long as the process (instantiated at module scope, or singletons with a static instance).
 * Instance fields of other classes die with their instance and are left alone.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import type { CollectionKind } from '../../catalog/collections.js';
import { isFunctionNode } from '../../utils/ast/index.js';
import { collectionKind } from './uses.js';

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

export interface Candidate {
  /** `cache`, `#tokens`, `Registry.entries`. */
  name: string;
  kind: CollectionKind;
  /** Where it is declared: reported there. */
  node: TSESTree.Node;
  /** `module`, `static`, `field`. */
  scope: 'module' | 'static' | 'field';
  /** The expressions that denote it (identifiers or `this.x` members), writes excluded. */
  uses: TSESTree.Node[];
  /** It is assigned again after its declaration: replaced, so bounded by whoever replaces it. */
  replaced: boolean;
}

/** Names a singleton keeps itself under. */
const SINGLETON = /^(?:instance|getInstance|shared|default|singleton)$/;

function keyName(key: TSESTree.Node): string | null {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'PrivateIdentifier') return `#${key.name}`;
  return null;
}

/** The class whose instance (or constructor) `this` is at `node`, through arrows only. */
function thisClass(node: TSESTree.Node): ClassNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'ArrowFunctionExpression') continue;
    if (isFunctionNode(n)) {
      const holder = n.parent;
      if (holder?.type !== 'MethodDefinition' && holder?.type !== 'PropertyDefinition') return null;
      continue;
    }
    if (n.type === 'ClassBody') return n.parent;
  }
  return null;
}

function inConstructor(node: TSESTree.Node, cls: ClassNode): boolean {
  for (let n = node.parent; n && n !== cls; n = n.parent) {
    if (n.type === 'MethodDefinition') return n.kind === 'constructor';
    if (n.type === 'PropertyDefinition') return true;
  }
  return false;
}

export function createCandidateScan(sourceCode: Readonly<TSESLint.SourceCode>): {
  listeners: TSESLint.RuleListener;
  candidates(): Candidate[];
} {
  const thisUses = new Map<ClassNode, Map<string, TSESTree.MemberExpression[]>>();
  const staticUses: TSESTree.MemberExpression[] = [];
  const moduleNews = new Set<string>();
  const fields: {
    cls: ClassNode;
    name: string;
    kind: CollectionKind;
    node: TSESTree.Node;
    isStatic: boolean;
  }[] = [];

  const listeners: TSESLint.RuleListener = {
    PropertyDefinition(node): void {
      const kind = collectionKind(node.value);
      const name = node.computed ? null : keyName(node.key);
      const cls = node.parent.parent;
      if (kind && name && !node.declare)
        fields.push({ cls, name, kind, node, isStatic: node.static });
    },
    MemberExpression(node): void {
      const name = node.computed ? null : keyName(node.property);
      if (name === null) return;
      if (node.object.type === 'Identifier') {
        if (/^[A-Z]/.test(node.object.name)) staticUses.push(node);
        return;
      }
      if (node.object.type !== 'ThisExpression') return;
      const cls = thisClass(node);
      if (!cls) return;
      let byName = thisUses.get(cls);
      if (!byName) thisUses.set(cls, (byName = new Map<string, TSESTree.MemberExpression[]>()));
      const list = byName.get(name);
      if (list) list.push(node);
      else byName.set(name, [node]);
      const assignment = node.parent;
      if (assignment.type === 'AssignmentExpression' && assignment.left === node) {
        const kind = collectionKind(assignment.right);
        if (kind && inConstructor(node, cls))
          fields.push({ cls, name, kind, node: assignment, isStatic: false });
      }
    },
    NewExpression(node): void {
      const scope = sourceCode.getScope(node).type;
      if (node.callee.type === 'Identifier' && (scope === 'module' || scope === 'global'))
        moduleNews.add(node.callee.name);
    },
  };

  const longLived = (cls: ClassNode): boolean => {
    const className = cls.id?.name;
    if (className !== undefined && moduleNews.has(className)) return true;
    return cls.body.body.some(
      (m) => 'static' in m && m.static && 'key' in m && SINGLETON.test(keyName(m.key) ?? ''),
    );
  };

  const fieldCandidate = (field: (typeof fields)[number]): Candidate | null => {
    const { cls, name, kind, node, isStatic } = field;
    const className = cls.id?.name;
    if (!isStatic && !longLived(cls)) return null;
    const members = [...(thisUses.get(cls)?.get(name) ?? [])];
    if (isStatic && className !== undefined)
      members.push(
        ...staticUses.filter(
          (m) =>
            m.object.type === 'Identifier' &&
            m.object.name === className &&
            keyName(m.property) === name,
        ),
      );
    let replaced = false;
    const uses: TSESTree.Node[] = [];
    for (const member of members) {
      const parent = member.parent;
      if (parent.type === 'AssignmentExpression' && parent.left === member) {
        if (parent !== node && !inConstructor(member, cls)) replaced = true;
        continue;
      }
      uses.push(member);
    }
    const label = isStatic ? `${className ?? 'this'}.${name}` : name;
    return { name: label, kind, node, scope: isStatic ? 'static' : 'field', uses, replaced };
  };

  return {
    listeners,
    candidates() {
      const out: Candidate[] = [];
      for (const statement of sourceCode.ast.body) {
        if (statement.type !== 'VariableDeclaration') continue;
        for (const declarator of statement.declarations) {
          const kind = collectionKind(declarator.init);
          if (!kind || declarator.id.type !== 'Identifier') continue;
          const [variable] = sourceCode.getDeclaredVariables(declarator);
          if (!variable) continue;
          const uses = variable.references.filter((r) => r.isRead()).map((r) => r.identifier);
          const replaced = variable.references.some((r) => r.isWrite() && !r.init);
          out.push({
            name: variable.name,
            kind,
            node: declarator.id,
            scope: 'module',
            uses,
            replaced,
          });
        }
      }
      for (const field of fields) {
        const candidate = fieldCandidate(field);
        if (candidate) out.push(candidate);
      }
      return out;
    },
  };
}
