/**
 * Every declaration of a program by name that a call can reach from another scope: functions,
 * methods, properties, module-level variables, parameters that declare properties, and
 * JavaScript's `x.name = …` assignments. A call `x.open()` can only resolve to a signature
 * that one of the declarations named `open` gives (its own, or that of its declared type), so
 * when none of them can return what a rule looks for, the call need not be resolved, nor its
 * receiver typed (which makes the checker check every initializer the receiver's type depends
 * on). A plain parameter, an import or a function's local is no member: a call `open()` that
 * names one finds it through its symbol instead. Indexed by syntax, once per source file:
 * typed linting in an editor makes a new program for each edit, and the files that did not
 * change (the libraries' declarations above all) keep their `SourceFile` and so their index.
 *
 * Not covered, so a caller must not read "no declaration" as "no": members that come from an
 * index signature or a mapped type over literal keys have no declaration of that name.
 */
import type * as ts from 'typescript';

import { typeScriptModule } from './type-services.js';

/** Per source file: its declarations by name. */
const fileIndexes = new WeakMap<ts.SourceFile, Map<string, ts.Node[]>>();
/** Per program: the names asked so far, gathered from its files' indexes. */
const programNames = new WeakMap<ts.Program, Map<string, readonly ts.Node[]>>();

/** The declarations named `name` in the program (empty when none, or without `typescript`). */
export function declarationsNamed(program: ts.Program, name: string): readonly ts.Node[] {
  let names = programNames.get(program);
  if (names === undefined)
    programNames.set(program, (names = new Map<string, readonly ts.Node[]>()));
  let found = names.get(name);
  if (found === undefined) {
    const list: ts.Node[] = [];
    for (const file of program.getSourceFiles()) {
      const own = indexOf(file).get(name);
      if (own !== undefined) list.push(...own);
    }
    names.set(name, (found = list));
  }
  return found;
}

function indexOf(file: ts.SourceFile): Map<string, ts.Node[]> {
  let index = fileIndexes.get(file);
  if (index === undefined) fileIndexes.set(file, (index = buildIndex(file)));
  return index;
}

let namedKinds: Set<ts.SyntaxKind> | undefined;

function buildIndex(file: ts.SourceFile): Map<string, ts.Node[]> {
  const index = new Map<string, ts.Node[]>();
  const typescript = typeScriptModule();
  if (typescript === null) return index;
  const K = typescript.SyntaxKind;
  const named = (namedKinds ??= new Set<ts.SyntaxKind>([
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
    K.ImportEqualsDeclaration,
    K.ExportSpecifier,
    // Types by name too (typed-catalog lookups); a call of a type's name finds nothing callable.
    K.ClassDeclaration,
    K.InterfaceDeclaration,
    K.TypeAliasDeclaration,
  ]));
  const add = (name: string, node: ts.Node): void => {
    const list = index.get(name);
    if (list === undefined) index.set(name, [node]);
    else list.push(node);
  };
  /** Declarations that only their own scope sees: a plain parameter, a function's locals. */
  const scoped = (node: ts.Node, local: boolean): boolean =>
    node.kind === K.Parameter
      ? (typescript.getModifiers(node as ts.ParameterDeclaration)?.length ?? 0) === 0
      : local &&
        (node.kind === K.VariableDeclaration ||
          node.kind === K.FunctionDeclaration ||
          node.kind === K.BindingElement);
  const visit = (node: ts.Node, local: boolean): void => {
    if (named.has(node.kind) && !scoped(node, local)) {
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
    if (local || typescript.isFunctionLike(node) || typescript.isClassStaticBlockDeclaration(node))
      typescript.forEachChild(node, visitLocal);
    else typescript.forEachChild(node, visitTop);
  };
  const visitTop = (node: ts.Node): void => visit(node, false);
  const visitLocal = (node: ts.Node): void => visit(node, true);
  visitTop(file);
  return index;
}
