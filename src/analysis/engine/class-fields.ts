/**
 * The fields of a class and what each assignment puts in them: parameter properties, field
 * initializers and declarations (`@Inject() cache`), `this.x = …` in any member, and what goes
 * into collection fields (`this.sockets.add(socket)`).
 */
import type { TSESTree } from '@typescript-eslint/utils';

import type { ResourceEntry } from '../../catalog/types.js';
import { calleeName, skipWrappers } from '../../utils/ast/index.js';
import { holdingOf, parameterHolding, type Holding, type HoldingEnv } from './class-holdings.js';
import type { ListenerTarget } from './class-listeners.js';
import {
  decoratorNames,
  elementKey,
  fieldRead,
  type ClassFacts,
  type ClassNode,
  type ClassSource,
  type MemberRecord,
} from './class-members.js';
import { assignedIn, fieldsTested, testsAbove, type FieldRelease } from './class-releases.js';

/** Where a value is put into a field. */
export interface FieldAssignment {
  node:
    | TSESTree.AssignmentExpression
    | TSESTree.PropertyDefinition
    | TSESTree.AccessorProperty
    | TSESTree.TSParameterProperty;
  /** The assigned expression (`null` for a declared, decorated field). */
  value: TSESTree.Node | null;
  holds: Holding;
  /** The member it runs in; `null` for a field initializer or parameter property. */
  member: MemberRecord | null;
  where: 'initializer' | 'parameter' | 'constructor' | 'method';
  /** Inside a callback within the member (a listener, a timer, a `.then`). */
  inClosure: boolean;
  /** `??=`, `||=`, or under a test of the field (`if (!this.x) this.x = …`): lazy, not a reassignment. */
  lazy: boolean;
  /** The same member releases the field before this assignment. */
  releasedBefore: boolean;
  /** `this.x = this.stack.use(…)`: the `DisposableStack` field that releases it. */
  stack: string | null;
}

/** A value added to a collection field: `this.sockets.add(socket)`. */
export interface FieldElement {
  node: TSESTree.CallExpression;
  holds: Holding;
}

export interface FieldRecord {
  key: string;
  /** Its declaration (`pool = …`, `private readonly db: Pool`), if the class declares it. */
  declaration:
    TSESTree.PropertyDefinition | TSESTree.AccessorProperty | TSESTree.TSParameterProperty | null;
  /** Declared optional: `agent?: Agent`, `constructor(private agent?: Agent)`. */
  optional: boolean;
  decorators: readonly string[];
  assignments: FieldAssignment[];
  elements: FieldElement[];
  /** Every release of what it holds, anywhere in the class. */
  releases: FieldRelease[];
}

export interface FieldTable {
  fields: Map<string, FieldRecord>;
  /** The field, made empty on first use. */
  fieldOf: (key: string) => FieldRecord;
  /** The catalog entries a field holds (its acquisitions and its elements'). */
  entriesOf: (key: string) => ResourceEntry[];
}

/**
 * Every field and assignment of the class. Assignments are classified in source order, so
 * `this.conn = await this.pool.connect()` knows what `pool` holds by then.
 */
export function buildFields(
  source: ClassSource,
  node: ClassNode,
  facts: ClassFacts,
  env: Omit<HoldingEnv, 'source' | 'fieldEntry'>,
): FieldTable {
  const table = emptyTable();
  const holdingEnv: HoldingEnv = {
    ...env,
    source,
    fieldEntry: (key) => table.entriesOf(key)[0] ?? null,
  };
  declareFields(source, node, holdingEnv, table.fieldOf);
  const assigned = facts.assignments.map(({ node: assignment, key, member, inClosure }) => {
    const value = stackedValue(source, assignment.right);
    const record: FieldAssignment = {
      node: assignment,
      value: assignment.right,
      holds: { kind: 'unknown' },
      member,
      where: member?.kind === 'constructor' ? 'constructor' : 'method',
      inClosure,
      lazy: isLazy(source, assignment, key, member),
      releasedBefore: false,
      stack: value.stack,
    };
    table.fieldOf(key).assignments.push(record);
    return { record, value: value.value };
  });
  assigned.sort((a, b) => a.record.node.range[0] - b.record.node.range[0]);
  for (const { record, value } of assigned) record.holds = holdingOf(holdingEnv, value);
  recordElements(source, holdingEnv, facts, table.fieldOf);
  return table;
}

function emptyTable(): FieldTable {
  const fields = new Map<string, FieldRecord>();
  const visiting = new Set<string>();
  const fieldOf = (key: string): FieldRecord => {
    let field = fields.get(key);
    if (field === undefined) {
      field = {
        key,
        declaration: null,
        optional: false,
        decorators: [],
        assignments: [],
        elements: [],
        releases: [],
      };
      fields.set(key, field);
    }
    return field;
  };
  const entriesOf = (key: string): ResourceEntry[] => {
    const field = fields.get(key);
    if (field === undefined || visiting.has(key)) return [];
    visiting.add(key);
    const entries: ResourceEntry[] = [];
    for (const { holds } of field.assignments) {
      if (holds.kind === 'acquisition') entries.push(holds.entry);
      else if (holds.kind === 'mixed') entries.push(holds.acquired.entry);
    }
    for (const { holds } of field.elements)
      if (holds.kind === 'acquisition') entries.push(holds.entry);
    visiting.delete(key);
    return entries;
  };
  return { fields, fieldOf, entriesOf };
}

/**
 * A constructor parameter kept in a field (`constructor(private bus)`, `this.bus = bus`) is the
 * same emitter as the field: `bus.on(…)` in the constructor, `this.bus.off(…)` in `close()`.
 */
export function fieldOfParameter(
  fields: ReadonlyMap<string, FieldRecord>,
): (target: ListenerTarget) => ListenerTarget {
  const byName = new Map<string, string>();
  for (const field of fields.values()) {
    for (const { holds } of field.assignments) {
      if (holds.kind === 'parameter' && holds.where === 'constructor' && !holds.part)
        byName.set(holds.node.name, field.key);
    }
  }
  return (target) => {
    if (target.kind !== 'parameter') return target;
    const key = byName.get(target.name);
    return key === undefined ? target : { kind: 'field', key };
  };
}

/** Parameter properties and declared fields (`pool = new Pool()`, `@Inject() cache`, `db?: Pool`). */
function declareFields(
  source: ClassSource,
  node: ClassNode,
  env: HoldingEnv,
  fieldOf: (key: string) => FieldRecord,
): void {
  for (const element of node.body.body) {
    if (element.type === 'MethodDefinition' && element.kind === 'constructor') {
      for (const param of element.value.params) {
        if (param.type !== 'TSParameterProperty') continue;
        const inner =
          param.parameter.type === 'AssignmentPattern' ? param.parameter.left : param.parameter;
        if (inner.type !== 'Identifier') continue;
        const field = fieldOf(inner.name);
        field.declaration = param;
        field.decorators = decoratorNames(param);
        field.optional = inner.optional === true;
        const holds: Holding = parameterHolding(env, inner, element.value) ?? { kind: 'unknown' };
        field.assignments.push(declared(param, inner, holds, 'parameter'));
      }
    }
    if (
      (element.type !== 'PropertyDefinition' && element.type !== 'AccessorProperty') ||
      element.static
    )
      continue;
    const key = elementKey(element);
    if (key === null) continue;
    const value = element.value;
    if (value?.type === 'ArrowFunctionExpression' || value?.type === 'FunctionExpression') continue;
    const field = fieldOf(key);
    field.declaration = element;
    field.decorators = decoratorNames(element);
    field.optional = element.optional === true;
    if (field.decorators.length > 0) {
      const holds: Holding = { kind: 'injected', node: element, decorators: field.decorators };
      field.assignments.push(declared(element, value, holds, 'initializer'));
    } else if (value !== null) {
      const stacked = stackedValue(source, value);
      const assignment = declared(element, value, holdingOf(env, stacked.value), 'initializer');
      assignment.stack = stacked.stack;
      field.assignments.push(assignment);
    }
  }
}

function declared(
  node: FieldAssignment['node'],
  value: TSESTree.Node | null,
  holds: Holding,
  where: 'initializer' | 'parameter',
): FieldAssignment {
  return {
    node,
    value,
    holds,
    member: null,
    where,
    inClosure: false,
    lazy: false,
    releasedBefore: false,
    stack: null,
  };
}

/** `this.stack.use(new Pool())` → the pool, released by the stack field. */
function stackedValue(
  source: ClassSource,
  value: TSESTree.Node,
): { value: TSESTree.Node; stack: string | null } {
  const node = skipWrappers(value, { await: true });
  if (node.type !== 'CallExpression' || node.callee.type !== 'MemberExpression')
    return { value, stack: null };
  const method = calleeName(node.callee);
  const first = node.arguments[0];
  if (
    method === null ||
    !['use', 'adopt'].includes(method) ||
    first === undefined ||
    first.type === 'SpreadElement'
  )
    return { value, stack: null };
  const stack = fieldRead(source, node.callee.object);
  return stack === null ? { value, stack: null } : { value: first, stack };
}

/**
 * `this.x ??= …`, `this.x ||= …`, under `if (!this.x)` / `if (this.x === undefined)`, or under a
 * test of a state flag the same member sets (`if (!this.#stopped) return; this.#stopped = false`).
 */
function isLazy(
  source: ClassSource,
  assignment: TSESTree.AssignmentExpression,
  key: string,
  member: MemberRecord | null,
): boolean {
  if (assignment.operator === '??=' || assignment.operator === '||=') return true;
  if (member === null) return false;
  // A state flag the member itself flips: `if (!this.#stopped) return; this.#stopped = false`.
  const flags = assignedIn(member.fn);
  const guards = (test: TSESTree.Node): boolean => {
    const tested = fieldsTested(source, test);
    return tested.has(key) || [...tested].some((flag) => flag !== key && flags.has(flag));
  };
  if (testsAbove(assignment, member.fn).some(guards)) return true;
  // `if (this.x) return;` (or `if (!this.#stopped) return;`) earlier in the member.
  const body = member.fn.body;
  if (body.type !== 'BlockStatement') return false;
  return body.body.some(
    (statement) =>
      statement.range[1] <= assignment.range[0] &&
      statement.type === 'IfStatement' &&
      (statement.consequent.type === 'ReturnStatement' ||
        (statement.consequent.type === 'BlockStatement' &&
          statement.consequent.body.at(-1)?.type === 'ReturnStatement')) &&
      guards(statement.test),
  );
}

const STORING = new Set(['push', 'unshift', 'add', 'set']);

/** `this.sockets.add(socket)`, `this.clients.set(id, client)`: what goes into a collection field. */
function recordElements(
  source: ClassSource,
  env: HoldingEnv,
  facts: ClassFacts,
  fieldOf: (key: string) => FieldRecord,
): void {
  for (const { node: call } of facts.calls) {
    const callee = skipWrappers(call.callee);
    if (callee.type !== 'MemberExpression') continue;
    const method = calleeName(callee);
    if (method === null || !STORING.has(method)) continue;
    const key = fieldRead(source, callee.object);
    if (key === null) continue;
    const value = method === 'set' ? call.arguments[1] : call.arguments[0];
    if (value === undefined || value.type === 'SpreadElement') continue;
    fieldOf(key).elements.push({ node: call, holds: holdingOf(env, value) });
  }
}

/** Each assignment made in a member after that member released the field (`close(); x = new`). */
export function markReleasedBefore(field: FieldRecord): void {
  for (const assignment of field.assignments) {
    if (assignment.member === null) continue;
    assignment.releasedBefore = field.releases.some(
      (release) =>
        release.member === assignment.member &&
        !release.inClosure &&
        release.node.range[1] <= assignment.node.range[0],
    );
  }
}
