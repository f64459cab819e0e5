export const named = 'named';
export default class {}
export { named as 'string name' };
