/**
 * Words and statements for class-owner reports: `this.#pool`, `await this.pool.end()`,
 * `clearInterval(this.timer)`, `RoomHub.close()`, and which release method a suggestion
 * writes into: the class-owner rules' shared vocabulary.
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type {
  ClassOwner,
  FieldRecord,
  MemberRecord,
  ReleaseMethod,
} from '../engine/class-owners.js';
import type { ResourceEntry } from '../../catalog/types.js';

const IDENTIFIER = /^#?[A-Za-z_$][\w$]*$/;

/** `this.pool`, `this.#pool`, `this['my-pool']`. */
export function fieldRef(key: string): string {
  return IDENTIFIER.test(key) ? `this.${key}` : `this[${JSON.stringify(key)}]`;
}

/** `close()`, `Room.close()`, `Room[Symbol.dispose]()`. */
export function methodText(owner: ClassOwner, member: MemberRecord): string {
  const key = member.key ?? 'release';
  const name = owner.name;
  if (key.startsWith('[')) return `${name ?? ''}${key}()`;
  return name === null ? `${key}()` : `${name}.${key}()`;
}

/** `` `Room.close()` `` or `` `Room.close()` or `Room[Symbol.dispose]()` ``. */
export function methodsText(owner: ClassOwner, methods: readonly ReleaseMethod[]): string {
  return methods.map((m) => `\`${methodText(owner, m.member)}\``).join(' or ');
}

/** The field may be empty when the release runs (declared optional, set outside the constructor, or emptied). */
export function mayBeEmpty(field: FieldRecord): boolean {
  if (field.optional) return true;
  if (field.assignments.some((a) => a.holds.kind === 'cleared')) return true;
  return !field.assignments.some(
    (a) => (a.where === 'initializer' || a.where === 'constructor') && !a.inClosure,
  );
}

export interface ReleaseCall {
  /** `clearInterval(this.timer)`, `this.pool.end()`, `this.#agent?.close()`. */
  call: string;
  /** The release returns a promise to await. */
  async: boolean;
}

/** How to release what `key` holds (an `entry` resource), or `null` when the catalog says no way. */
export function releaseCall(
  key: string,
  entry: ResourceEntry,
  optional: boolean,
): ReleaseCall | null {
  const ref = fieldRef(key);
  const fn = entry.releaseCalls?.[0];
  if (entry.kind === 'timer' && fn !== undefined)
    return { call: `${fn.fn.path.at(-1) ?? 'clearInterval'}(${ref})`, async: false };
  const method = entry.releaseMethods[0];
  if (method !== undefined)
    return {
      call: `${ref}${optional ? '?.' : '.'}${method}()`,
      async: entry.asyncRelease === true,
    };
  if (entry.disposable === undefined) return null;
  const symbol = entry.disposable === 'async' ? 'asyncDispose' : 'dispose';
  return {
    call: `${ref}${optional ? '?.' : ''}[Symbol.${symbol}]()`,
    async: entry.disposable === 'async',
  };
}

/** `` `await this.pool.end()` `` for messages. */
export const releaseWords = (release: ReleaseCall): string =>
  `\`${release.async ? 'await ' : ''}${release.call}\``;

/**
 * The statement that releases in `member`, or `null` when an async release would have to go
 * into a synchronous method (that is `no-async-in-sync-dispose`'s report, not a fix).
 */
export function releaseStatement(release: ReleaseCall, member: MemberRecord): string | null {
  if (release.async && !member.async) return null;
  return `${release.async ? 'await ' : ''}${release.call};`;
}

const PRIORITY = ['[Symbol.asyncDispose]', '[Symbol.dispose]', 'close', 'dispose', 'destroy'];

/**
 * The release method a fix writes into: the one every other release method calls, else the
 * first of `[Symbol.asyncDispose]`, `[Symbol.dispose]`, `close`, `dispose`, `destroy`, else the
 * first one. Only a method with a block body.
 */
export function primaryRelease(methods: readonly ReleaseMethod[]): ReleaseMethod | null {
  const withBody = methods.filter((m) => m.member.fn.body.type === 'BlockStatement');
  const sink = withBody.find((candidate) =>
    methods.every((m) => m === candidate || m.reaches.includes(candidate.member)),
  );
  if (sink !== undefined) return sink;
  for (const name of PRIORITY) {
    const found = withBody.find((m) => m.name === name);
    if (found !== undefined) return found;
  }
  return withBody[0] ?? null;
}

/** The body of a member with a block body. */
export function blockOf(member: MemberRecord): TSESTree.BlockStatement | null {
  const body = member.fn.body;
  return body.type === 'BlockStatement' ? body : null;
}

/** Where a report about a field goes: `this.x` of the assignment, the declared key, or the collection. */
export function fieldNode(at: { node: TSESTree.Node }): TSESTree.Node {
  const node = at.node;
  if (node.type === 'AssignmentExpression') return node.left;
  if (node.type === 'PropertyDefinition' || node.type === 'AccessorProperty') return node.key;
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression')
    return node.callee.object;
  return node;
}
