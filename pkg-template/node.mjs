// Node ES module entry of itcare-postgresql: loads the WebAssembly module synchronously from the
// package folder, so the API is usable right after `import`. `init()` is exported for isomorphic
// code and resolves at once (the glue's init returns the already-loaded instance).
import { readFileSync } from "node:fs";
import { initSync } from "./itcare_postgresql.js";
import __wbg_init from "./itcare_postgresql.js";

initSync({ module: readFileSync(new URL("./itcare_postgresql_bg.wasm", import.meta.url)) });

export * from "./itcare_postgresql.js";
export { __wbg_init as default, __wbg_init as init };

// The create validators through the fast boundary (./fast.js); these explicit exports win over
// the `export *` above. Same signatures and results as the glue's.
import * as glue from "./itcare_postgresql.js";
import { fastValidators } from "./fast.js";
export const { validateCreatePostgresql, validateCreatePostgresqlField } = fastValidators(glue);
