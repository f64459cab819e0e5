/**
 * `this.signal` as the signal in scope: in an instance method (not the constructor) of a class
 * whose `signal` property the checker types as `AbortSignal` (a job, a request context). An
 * optional one (`signal?: AbortSignal`, `AbortSignal | undefined`) is a default the class
 * applies itself where it runs the work (a unit of work that forks with its signal and puts it
 * into each query's options): its methods calling one another need not pass it.
 */
import type { TSESTree } from '@typescript-eslint/utils';
import type * as ts from 'typescript';

import { includesNullish } from '../../analysis/types/type-queries.js';
import type { TypeServices } from '../../analysis/types/type-services.js';
import { enclosingFunction } from '../../utils/ast/index.js';

export function thisSignal(services: TypeServices, node: TSESTree.Node): string | null {
  const fn = enclosingFunction(node, { ownThis: true });
  const method = fn?.parent;
  if (method?.type !== 'MethodDefinition' || method.kind !== 'method' || method.static) return null;
  const owner = method.parent.parent;
  if (owner.type !== 'ClassDeclaration' && owner.type !== 'ClassExpression') return null;
  const checker = services.checker;
  const property = services.typeOf(owner).getProperty('signal');
  if (!property) return null;
  const declared = checker.getTypeOfSymbolAtLocation(property, services.tsNodeOf(owner));
  if (includesNullish(declared) || isOptional(property)) return null;
  const type = checker.getNonNullableType(declared);
  const parts = type.isUnion() ? type.types : [type];
  return parts.length > 0 && parts.every((part) => part.getSymbol()?.getName() === 'AbortSignal')
    ? 'this.signal'
    : null;
}

/** `signal?: AbortSignal`: with `strictNullChecks` off, the type alone does not say so. */
function isOptional(property: ts.Symbol): boolean {
  const declaration = property.valueDeclaration;
  return declaration !== undefined && 'questionToken' in declaration && !!declaration.questionToken;
}
