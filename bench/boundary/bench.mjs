// Times the boundary variants of src/lib.rs (built by build.sh) on the benchmark's payloads and
// prints JSON. Every variant must give the same issues as the package before it is timed.
//
//   node bench/boundary/bench.mjs <boundary pkg dir> <package node.mjs>
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { VALID, BROKEN5 } from "../cases.mjs";
import { run, sinkUsed } from "../timing.mjs";

const [dir, pkgEntry] = process.argv.slice(2).map((p) => resolve(p));
const b = await import(pathToFileURL(join(dir, "boundary.js")).href);
b.initSync({ module: readFileSync(join(dir, "boundary_bg.wasm")) });
const sdk = await import(pathToFileURL(pkgEntry).href);

/** The packed string back into issue objects, in JS. */
function unpack(s) {
  const parts = s.split("\u001f");
  const out = [];
  for (let i = 0; i + 3 < parts.length; i += 4) out.push({ path: parts[i], code: parts[i + 1], message: parts[i + 2], rule: parts[i + 3] });
  return out;
}

const variants = {
  "package export (JSON text in, serde-wasm-bindgen out)": (p) => sdk.validateCreatePostgresql(p),
  "same, rebuilt here (JSON text in, serde-wasm-bindgen out)": (p) => b.jsonSwb(p),
  "serde-wasm-bindgen in, serde-wasm-bindgen out": (p) => b.swbSwb(p),
  "Reflect.get per known key in, serde-wasm-bindgen out": (p) => b.fieldsSwb(p),
  "JSON text in, objects built with Reflect.set out": (p) => b.jsonObjects(p),
  "JSON text in, one packed string out (split in JS)": (p) => unpack(b.jsonPacked(p)),
  "Reflect.get per key in, packed string out (split in JS)": (p) => unpack(b.fieldsPacked(p)),
  "JSON.stringify in JS, &str in, packed string out": (p) => unpack(b.textPacked(JSON.stringify(p))),
};

const payloads = { valid: VALID, broken5: BROKEN5, "empty object (11 issues)": {} };
const same = (x, y) => JSON.stringify(x.map(({ path, code, message }) => [path, code, message])) === JSON.stringify(y.map(({ path, code, message }) => [path, code, message]));
for (const [pname, p] of Object.entries(payloads)) {
  const want = sdk.validateCreatePostgresql(p);
  for (const [name, f] of Object.entries(variants)) {
    if (!same(f(p), want)) {
      console.error(`boundary variant "${name}" disagrees with the package on ${pname}`);
      process.exit(1);
    }
  }
}

const groups = Object.fromEntries(
  Object.entries(payloads).map(([pname, p]) => [pname, Object.fromEntries(Object.entries(variants).map(([n, f]) => [n, () => f(p)]))]),
);
groups["parts of the JSON path, valid payload"] = {
  "JSON.stringify alone": () => JSON.stringify(VALID),
  "JSON.stringify + copy into wasm + serde_json parse (no rule)": () => b.textParseOnly(JSON.stringify(VALID)),
};
console.log(JSON.stringify({ results: run(groups), sink: sinkUsed() }));
