/** Source-range containment: the one way to ask "is this node inside that one". */
interface Ranged {
  readonly range: readonly [number, number] | [number, number];
}

/** Whether `inner` lies within `outer` (`false` when there is no `outer`). */
export function contains(outer: Ranged | null | undefined, inner: Ranged): boolean {
  return (
    outer !== null &&
    outer !== undefined &&
    inner.range[0] >= outer.range[0] &&
    inner.range[1] <= outer.range[1]
  );
}

/** Whether `node` lies within the offsets `from` … `to`. */
export function inRange(node: Ranged, from: number, to: number): boolean {
  return node.range[0] >= from && node.range[1] <= to;
}
