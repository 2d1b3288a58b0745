// The inline entries' loader and text codec (pkg-template/inline-loader.js, text-codec.js; issue
// 11), tested on their own: every base64 decoding path gives the module's exact bytes, and the
// fallback UTF-8 codec (used where TextDecoder/TextEncoder are missing, as in Jest's jsdom)
// agrees with the engine's on every kind of text the boundary carries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const template = new URL("../../pkg-template/", import.meta.url);
const fragment = (f) => readFileSync(new URL(f, template), "utf8").replace(/^export /gm, "");
const wasm = readFileSync(new URL("../../pkg/itcare_postgresql_bg.wasm", import.meta.url));
const base64 = wasm.toString("base64");

/** decodeBase64 evaluated with some globals shadowed by undefined, to take each of its paths. */
function decoderWithout(hidden) {
  return new Function(...hidden, `${fragment("inline-loader.js")}; return decodeBase64;`)(...hidden.map(() => undefined));
}

test("every base64 path decodes the module to its exact bytes (Buffer, atob, plain loop)", () => {
  const paths = {
    buffer: decoderWithout([]),
    atob: decoderWithout(["Buffer"]),
    loop: decoderWithout(["Buffer", "atob"]),
  };
  // globalThis.Buffer is read through globalThis: hide it there for the two fallbacks.
  const saved = globalThis.Buffer;
  try {
    for (const [name, decode] of Object.entries(paths)) {
      if (name !== "buffer") globalThis.Buffer = undefined;
      const bytes = decode(base64);
      globalThis.Buffer = saved;
      assert.equal(bytes.length, wasm.length, name);
      assert.ok(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).equals(wasm), name);
    }
    // Padding variants: 0, 1 and 2 "=".
    for (const n of [30, 31, 32]) {
      const sample = wasm.subarray(0, n);
      globalThis.Buffer = undefined;
      const got = paths.loop(sample.toString("base64"));
      globalThis.Buffer = saved;
      assert.deepEqual([...got], [...sample], `${n} bytes`);
    }
  } finally {
    globalThis.Buffer = saved;
  }
});

test("the fallback UTF-8 codec agrees with the engine's (valid text, astral, lone surrogates)", () => {
  const { Utf8Decoder, Utf8Encoder } = new Function(`${fragment("text-codec.js")}; return { Utf8Decoder, Utf8Encoder };`)();
  const texts = ["", "abc", "Échec: é à ç", "名前", "🐘🐘", "a\ud800b", "\udc00", "x\ud83d", "\u0000\u001f\u007f\u0080\u07ff\u0800\uffff"];
  const encoder = new TextEncoder();
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for (const t of texts) {
    const mine = new Utf8Encoder().encode(t);
    assert.deepEqual([...mine], [...encoder.encode(t)], JSON.stringify(t));
    assert.equal(new Utf8Decoder().decode(mine), decoder.decode(encoder.encode(t)), JSON.stringify(t));
  }
  assert.equal(new Utf8Decoder().decode(), "");
  // A long text crosses the decoder's chunk boundary.
  const long = "é🐘".repeat(10_000);
  assert.equal(new Utf8Decoder().decode(encoder.encode(long)), long);
});
