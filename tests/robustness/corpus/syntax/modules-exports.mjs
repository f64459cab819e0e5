import * as path from 'node:path';
import def, { named as alias } from './modules-reexport.mjs';
import json from './data.json' with { type: 'json' };
export * from './modules-reexport.mjs';
export * as ns from './modules-reexport.mjs';
export { alias as renamedExport, def };
export default function () {
  return path.join(import.meta.dirname ?? '.', String(json));
}
export const meta = import.meta.url;
export const lazy = () => import('./modules-reexport.mjs');
export const lazyWithOptions = () => import('./data.json', { with: { type: 'json' } });
