/** Small AST helpers every analysis and rule shares, one concept per file. */
export * from './bound-names.js';
export * from './children.js';
export * from './contains.js';
export * from './find-variable.js';
export * from './functions.js';
export * from './sole-value.js';
export * from './static-name.js';
export * from './wrappers.js';
export * from './literal-options.js';
