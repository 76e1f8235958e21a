/** Types of scripts/build.mjs (plain JavaScript, so that it runs before anything is compiled). */
export declare const ROOT: string;
export declare const DIST: string;
export declare function isStale(): boolean;
export declare function build(options?: { force?: boolean; quiet?: boolean }): Promise<boolean>;
export declare const VENDORED: readonly string[];
