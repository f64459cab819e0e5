/**
 * State that lives as long as one linted file. Memos keyed by AST nodes in module-level
 * `WeakMap`s cost the garbage collector an ephemeron per node; here each file has one `WeakMap`
 * entry (its `Program` node), and plain `Map`s inside that die with the file.
 */
const files = new WeakMap<object, Map<object, unknown>>();

/** The file's value for `key`, made by `create` on first use. */
export function perFile<T>(sourceCode: { readonly ast: object }, key: object, create: () => T): T {
  let state = files.get(sourceCode.ast);
  if (state === undefined) files.set(sourceCode.ast, (state = new Map<object, unknown>()));
  let value = state.get(key) as T | undefined;
  if (value === undefined) {
    value = create();
    state.set(key, value);
  }
  return value;
}
