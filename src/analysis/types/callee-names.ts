/**
 * Every declaration of a program by name: functions, methods, properties, variables,
 * parameters, imports, and JavaScript's `x.name = …` assignments. A call `x.open()` or
 * `open()` can only resolve to a signature that one of the declarations named `open` gives
 * (its own, or that of its declared type), so when none of them can return what a rule looks
 * for, the call need not be resolved, nor its receiver typed (which makes the checker check
 * every initializer the receiver's type depends on). Built once per program, by syntax.
 *
 * Not covered, so a caller must not read "no declaration" as "no": members that come from an
 * index signature or a mapped type over literal keys have no declaration of that name.
 */
import type * as ts from 'typescript';

import { typeScriptModule } from './type-services.js';

const indexes = new WeakMap<ts.Program, Map<string, ts.Node[]>>();

/** The declarations named `name` in the program (empty when none, or without `typescript`). */
export function declarationsNamed(program: ts.Program, name: string): readonly ts.Node[] {
  let index = indexes.get(program);
  if (index === undefined) {
    index = buildIndex(program);
    indexes.set(program, index);
  }
  return index.get(name) ?? [];
}

function buildIndex(program: ts.Program): Map<string, ts.Node[]> {
  const index = new Map<string, ts.Node[]>();
  const typescript = typeScriptModule();
  if (typescript === null) return index;
  const K = typescript.SyntaxKind;
  const named = new Set<ts.SyntaxKind>([
    K.FunctionDeclaration,
    K.FunctionExpression,
    K.MethodDeclaration,
    K.MethodSignature,
    K.PropertyDeclaration,
    K.PropertySignature,
    K.PropertyAssignment,
    K.ShorthandPropertyAssignment,
    K.GetAccessor,
    K.VariableDeclaration,
    K.Parameter,
    K.BindingElement,
    K.ImportSpecifier,
    K.ImportClause,
    K.NamespaceImport,
    K.ImportEqualsDeclaration,
    K.ExportSpecifier,
    // Types by name too (typed-catalog lookups); a call of a type's name finds nothing callable.
    K.ClassDeclaration,
    K.InterfaceDeclaration,
    K.TypeAliasDeclaration,
  ]);
  const add = (name: string, node: ts.Node): void => {
    const list = index.get(name);
    if (list === undefined) index.set(name, [node]);
    else list.push(node);
  };
  const visit = (node: ts.Node): void => {
    if (named.has(node.kind)) {
      const name = (node as ts.NamedDeclaration).name;
      if (name !== undefined && (typescript.isIdentifier(name) || typescript.isStringLiteral(name)))
        add(name.text, node);
      else if (name !== undefined && typescript.isPrivateIdentifier(name)) add(name.text, node);
    } else if (
      // JavaScript's `exports.open = …`, `Client.prototype.open = …`, `this.open = …`
      node.kind === K.BinaryExpression &&
      (node as ts.BinaryExpression).operatorToken.kind === K.EqualsToken &&
      typescript.isPropertyAccessExpression((node as ts.BinaryExpression).left)
    ) {
      const left = (node as ts.BinaryExpression).left as ts.PropertyAccessExpression;
      add(left.name.text, node);
    }
    typescript.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) visit(file);
  return index;
}
