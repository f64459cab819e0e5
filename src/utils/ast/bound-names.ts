/** The names a binding pattern declares: `s`, `[, client]`, `{ socket, timer: t }`, `...rest`. */
import type { TSESTree } from '@typescript-eslint/utils';

export function boundNames(
  pattern: TSESTree.Node | null | undefined,
  into: Set<string> = new Set(),
): Set<string> {
  if (!pattern) return into;
  switch (pattern.type) {
    case 'Identifier':
      into.add(pattern.name);
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) boundNames(element, into);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties)
        boundNames(property.type === 'Property' ? property.value : property.argument, into);
      break;
    case 'AssignmentPattern':
      boundNames(pattern.left, into);
      break;
    case 'RestElement':
      boundNames(pattern.argument, into);
      break;
    case 'VariableDeclaration':
      for (const declarator of pattern.declarations) boundNames(declarator.id, into);
      break;
    default:
      break;
  }
  return into;
}
