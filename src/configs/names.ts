/** The plugin's named configs (a module of its own so the public types need nothing else). */
export type ConfigName =
  'recommended' | 'recommended-type-checked' | 'strict' | 'all' | 'disable-type-checked';
