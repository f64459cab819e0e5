/// <reference types="node" />
/// <reference lib="esnext.disposable" />
/// <reference path="./ambient.d.ts" />
export const version: string = AMBIENT_VERSION;
