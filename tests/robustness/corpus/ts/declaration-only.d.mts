export declare function start(): Promise<void>;
export declare const stop: () => void;
