// The /url entry bundled by esbuild, which does not emit the .wasm: init() must say so and name
// the fix, not fail with a bare 404 or TypeError.
import { init } from "itcare-postgresql/url";

init().then(
  () => (window.outcome = "loaded"),
  (e) => (window.outcome = `${e.name}: ${e.message}`),
).finally(() => (document.body.dataset.ready = "true"));
