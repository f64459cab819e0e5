export const holes = [, , 1, , 2, ,];
export const [, second, , fourth] = holes;
export const voids = [void 0, undefined, null, NaN, Infinity, -0];
export const weird = ((a, b) => a)`tag`;
;;;
export const emptyStatements = 1;;
if (holes) ; else ;
