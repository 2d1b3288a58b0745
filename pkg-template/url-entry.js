// URL entry of __LABEL__ (subpath `/url`; also what a page without a build step imports by path):
// the wasm-bindgen glue (./__NAME__.js) with a separate ./__NAME___bg.wasm that the browser
// downloads, compiles while streaming and caches on its own. Call `await init()` once before the
// first call; it is idempotent (every call after the first successful one returns the same
// promise). The default entry (`import "__LABEL__"`) carries the module instead and needs no file.
//
// Template: scripts/assemble-pkg.mjs fills in the names and the wrapper lines.
import * as glue from "./__NAME__.js";
export * from "./__NAME__.js";
// @wrap-begin
// @wrap-end

const WHO = "__LABEL__/url";
const FIX =
  `Import "__LABEL__" instead (it carries the module: nothing to serve), or serve ` +
  `node_modules/__LABEL__/__NAME___bg.wasm yourself and pass its URL: ` +
  `init({ module_or_path: "/assets/__NAME___bg.wasm" }).`;

let ready;

/**
 * Fetches and instantiates the module. With no argument, the .wasm next to this file
 * (`new URL("./__NAME___bg.wasm", import.meta.url)`, a pattern webpack 5 and Vite emit as an
 * asset); otherwise `{ module_or_path }`: a URL, a Response, bytes or a WebAssembly.Module.
 * Failures name the file and the fix, and a later call tries again.
 */
export function init(input) {
  if (!ready) {
    ready = load(input);
    ready.catch(() => {
      ready = undefined;
    });
  }
  return ready;
}
export default init;

async function load(input) {
  let source = input !== null && typeof input === "object" && "module_or_path" in input ? input.module_or_path : input;
  source = await source;
  if (source === undefined) {
    try {
      source = new URL("./__NAME___bg.wasm", import.meta.url);
    } catch (cause) {
      throw new Error(
        `${WHO}: cannot locate __NAME___bg.wasm: this build left import.meta.url empty (${cause?.message ?? cause}). ${FIX}`,
        { cause },
      );
    }
  }
  if (typeof source === "string" || source instanceof URL || (typeof Request === "function" && source instanceof Request)) {
    const url = String(source instanceof Request ? source.url : source);
    let response;
    try {
      response = await fetch(source);
    } catch (cause) {
      throw new Error(`${WHO}: could not fetch ${url} (${cause?.message ?? cause}). ${FIX}`, { cause });
    }
    source = response;
  }
  if (typeof Response === "function" && source instanceof Response) {
    const url = source.url || "the .wasm";
    if (!source.ok) {
      throw new Error(
        `${WHO}: ${url} answered HTTP ${source.status}: the bundler did not emit __NAME___bg.wasm next to the script, or the server does not serve it. ${FIX}`,
      );
    }
    // Anything but application/wasm: read it and check it is a module (an HTML fallback page of
    // a dev server would otherwise end in "expected magic word").
    if (!/^application\/wasm\b/.test(source.headers.get("content-type") ?? "")) {
      const bytes = new Uint8Array(await source.arrayBuffer());
      if (!(bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d)) {
        throw new Error(
          `${WHO}: ${url} is not a WebAssembly module (content-type ${source.headers.get("content-type") || "none"}): the server answered another file in its place. ${FIX}`,
        );
      }
      source = bytes;
    }
  }
  try {
    return await glue.default({ module_or_path: source });
  } catch (cause) {
    throw new Error(`${WHO}: could not instantiate the WebAssembly module (${cause?.message ?? cause}). ${FIX}`, { cause });
  }
}
