/**
 * The judgement of `require-test-cleanup`, once the file is walked: is what a setup hook keeps
 * released by a teardown of the same timing (or by a cleanup the hook registers), and is the
 * global state it changes (fake timers, spies) put back before other tests run?
 */
import type { TSESTree } from '@typescript-eslint/utils';

import { MATCHING_TEARDOWN } from '../../catalog/test-runners.js';
import { contains, type FunctionNode } from '../../utils/ast/index.js';
import type { GlobalState, Held } from './held.js';
import type { Hook } from './hooks.js';
import { cleanupsOf, handledElsewhere, reach, readIn } from './released.js';

export interface Facts {
  /** Test and describe calls. */
  tests: readonly TSESTree.CallExpression[];
  /** Calls of functions declared in the file. */
  localCalls: readonly { call: TSESTree.CallExpression; fn: FunctionNode }[];
  /** Callbacks given to cleanup registrars (`onTestFinished`, `t.after`). */
  registered: readonly FunctionNode[];
  /** `vi.useRealTimers()` and the like. */
  realTimers: readonly TSESTree.CallExpression[];
  /** `vi.restoreAllMocks()` and the like. */
  restoreAll: readonly TSESTree.CallExpression[];
}

export type HeldVerdict = { kind: 'not-released' } | { kind: 'wrong-hook'; released: string };

export function createVerdicts(program: TSESTree.Program, hooks: readonly Hook[], facts: Facts) {
  const teardowns = hooks.filter((h) => h.role === 'teardown');
  const reached = new Map<Hook, TSESTree.Node[]>();
  const reachOf = (hook: Hook): TSESTree.Node[] => {
    let out = reached.get(hook);
    if (!out) {
      out = reach(hook.body ? [hook.body] : [], facts.localCalls);
      reached.set(hook, out);
    }
    return out;
  };
  const cleanupOf = (hook: Hook): TSESTree.Node[] =>
    reach(cleanupsOf(hook, facts.registered), facts.localCalls);

  /** The verdict on `held` as kept in `holder`, one of the variables that hold it. */
  const judge = (held: Held, holder: Held['holder'], hook: Hook): HeldVerdict | null => {
    if (readIn(holder, cleanupOf(hook))) return null;
    const releasing = teardowns.filter(
      (t) => contains(holder.scope.block, t.call) && readIn(holder, reachOf(t)),
    );
    // A value made once and started again each time is still one value; so is one made only
    // while its holder is empty (`if (!server) server = …` in a `beforeEach`).
    const once = hook.timing === 'all' || held.reused || held.guarded;
    if (releasing.some((t) => once || t.timing === 'each')) return null;
    if (releasing.length > 0) return { kind: 'wrong-hook', released: releasing[0].name };
    return handledElsewhere(holder, hook.call) ? null : { kind: 'not-released' };
  };

  return {
    /** `null` when the variable a setup hook fills is released (or not ours to judge). */
    ofHeld(held: Held, hook: Hook): HeldVerdict | null {
      if (!held.started) return null;
      let verdict = judge(held, held.holder, hook);
      for (const other of held.alsoHeldBy) {
        if (verdict !== null && judge(held, other, hook) === null) verdict = null;
      }
      return verdict;
    },
    /** The teardown that releases what `hook` keeps in `held`, where a verdict says it is the wrong one. */
    releasedIn(held: Held, hook: Hook): Hook | undefined {
      const holder = held.holder;
      return teardowns.find(
        (t) =>
          t.name !== MATCHING_TEARDOWN[hook.name] &&
          contains(holder.scope.block, t.call) &&
          readIn(holder, reachOf(t)),
      );
    },
    /** The teardown a release would go into: same block, matching hook. */
    teardownFor(hook: Hook): Hook | undefined {
      const name = MATCHING_TEARDOWN[hook.name];
      return teardowns.find((t) => t.scope === hook.scope && t.name === name);
    },
    /** Fake timers or a spy from `hook` stay installed for tests outside its block. */
    stateLeaks(state: GlobalState, hook: Hook): boolean {
      const around = teardowns.filter((t) => contains(t.scope, hook.call));
      const inTeardowns = (calls: readonly TSESTree.Node[]): boolean =>
        calls.some((c) => around.some((t) => reachOf(t).some((r) => contains(r, c))));
      const inCleanup = (calls: readonly TSESTree.Node[]): boolean =>
        calls.some((c) => cleanupOf(hook).some((r) => contains(r, c)));
      if (state.kind === 'fake-timers') {
        // Top-level hooks: the runner gives each file its own timers.
        if (hook.scope === program) return false;
        const outside = (t: TSESTree.Node): boolean =>
          !contains(hook.scope, t) && !contains(t, hook.call);
        if (!facts.tests.some(outside)) return false;
        const restores = facts.realTimers;
        return !(
          restores.some((c) => contains(hook.scope, c)) ||
          inTeardowns(restores) ||
          inCleanup(restores)
        );
      }
      if (facts.restoreAll.length > 0) return false;
      const holder = state.holder;
      if (holder === null) return true;
      if (readIn(holder, cleanupOf(hook))) return false;
      if (teardowns.some((t) => contains(holder.scope.block, t.call) && readIn(holder, reachOf(t))))
        return false;
      return !handledElsewhere(holder, hook.call);
    },
  };
}
