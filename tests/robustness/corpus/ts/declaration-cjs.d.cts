declare function legacy(): void;
export = legacy;
