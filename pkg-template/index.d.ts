// Types of every entry of itcare-postgresql (browser, bundler, Node ESM). The declarations and
// their doc comments are generated from the Rust sources into ./itcare_postgresql.d.ts.
export * from "./itcare_postgresql.js";
import __wbg_init from "./itcare_postgresql.js";
/**
 * Loads and instantiates the WebAssembly module. Idempotent: the first call starts loading,
 * later calls (and concurrent ones) resolve to the same instance. In Node the module is loaded
 * synchronously when the package is imported, so `init()` resolves at once; calling it anyway
 * keeps isomorphic code identical everywhere.
 */
export declare const init: typeof __wbg_init;
export default __wbg_init;
