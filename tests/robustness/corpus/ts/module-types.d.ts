declare module 'legacy-lib' {
  function legacy(options: { timeout: number }): legacy.Handle;
  namespace legacy {
    interface Handle {
      stop(): void;
    }
  }
  export = legacy;
}
declare module 'wildcard/*' {
  const value: unknown;
  export default value;
}
