// How the inline entries (inline.js, inline.cjs) instantiate the WebAssembly module whose bytes
// they carry as base64: no file to find, no fetch, nothing a bundler has to understand.
//
// scripts/assemble-pkg.mjs inlines this file into every inline entry (it drops the `export`
// keyword), after the wasm-bindgen glue, so that each entry is one self-contained file.

// The fastest decoder the engine has: Uint8Array.fromBase64 (current browsers), Node's and Bun's
// Buffer (read from globalThis, so no bundler injects a Buffer polyfill for it), atob (browsers,
// Deno, workers, jsdom), else a plain loop. First call on the 311 KB text in Node 20 (busy
// 2-core machine): Buffer 0.5 ms, atob + copy and the plain loop 90-310 ms each.
export function decodeBase64(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const NodeBuffer = globalThis.Buffer;
  if (typeof NodeBuffer === "function" && typeof NodeBuffer.from === "function") {
    return NodeBuffer.from(text, "base64");
  }
  if (typeof atob === "function") {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }
  const table = new Uint8Array(128);
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (let i = 0; i < 64; i++) table[alphabet.charCodeAt(i)] = i;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61 /* = */) end--;
  const out = new Uint8Array(((end * 3) >> 2));
  let o = 0;
  let i = 0;
  for (; i + 4 <= end; i += 4) {
    const n =
      (table[text.charCodeAt(i)] << 18) |
      (table[text.charCodeAt(i + 1)] << 12) |
      (table[text.charCodeAt(i + 2)] << 6) |
      table[text.charCodeAt(i + 3)];
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (end - i >= 2) {
    const n = (table[text.charCodeAt(i)] << 18) | (table[text.charCodeAt(i + 1)] << 12) |
      (end - i === 3 ? table[text.charCodeAt(i + 2)] << 6 : 0);
    out[o++] = n >> 16;
    if (end - i === 3) out[o++] = (n >> 8) & 255;
  }
  return out;
}

// Instantiates the module at once where the engine compiles synchronously (Node, Deno, Bun,
// workers, and today's browsers, whose main-thread limit is well above this module's size), so
// the API is usable right after the import. Where synchronous compilation is refused (a
// RangeError, as older Chromium did above 4 KB on the main thread), compilation starts
// asynchronously instead and `init()` resolves when it is done. Returns `init`: idempotent, the
// same promise for every call, resolving to the module's exports.
export function inlineInit(glue, base64, packageName) {
  const bytes = decodeBase64(base64);
  let ready;
  try {
    ready = Promise.resolve(glue.initSync({ module: bytes }));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    ready = glue.initAsync({ module_or_path: bytes }).catch((cause) => {
      throw new Error(`${packageName}: could not instantiate the WebAssembly module: ${cause}`, { cause });
    });
    // Keep an unawaited failure from being reported twice; init() still rejects with it.
    ready.catch(() => {});
  }
  return function init() {
    return ready;
  };
}
