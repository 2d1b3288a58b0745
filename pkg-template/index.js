// Browser and bundler entry of itcare-postgresql (ES module).
//
// The wasm-bindgen glue (./itcare_postgresql.js) loads ./itcare_postgresql_bg.wasm through
// `new URL(..., import.meta.url)`, a pattern Vite, webpack 5, Rollup and esbuild-based tools
// rewrite into an asset URL. Call `await init()` once before using the API; it is idempotent
// (later calls return the same instance), and the Node entries export the same `init()` as a
// no-op so isomorphic code can always await it.
export * from "./itcare_postgresql.js";
import __wbg_init from "./itcare_postgresql.js";
export { __wbg_init as default, __wbg_init as init };

// The create validators through the fast boundary (./fast.js); these explicit exports win over
// the `export *` above. Same signatures and results as the glue's.
import * as glue from "./itcare_postgresql.js";
import { fastValidators } from "./fast.js";
export const { validateCreatePostgresql, validateCreatePostgresqlField } = fastValidators(glue);
