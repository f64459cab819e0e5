/* leading block */ // and line
export /* between */ function /* name */ spaced /* params */ (/* none */) /* body */ {
  return /* value */ 1; // trailing
}
/**
 * JSDoc with @param {string} x
 */
export const documented = (x) => x;

// eslint-disable-next-line
export const disabled = 1;
/* eslint-disable */
export const blockDisabled = 2;
/* eslint-enable */
