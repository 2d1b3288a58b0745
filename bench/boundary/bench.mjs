// Times the boundary variants of src/lib.rs (built by build.sh) on the benchmark's payloads, all
// builds in one process and in the same rounds as the package's own export, and prints JSON.
// Every variant must give the same issues as the package before it is timed.
//
//   node bench/boundary/bench.mjs <package inline.js> <label>=<boundary pkg dir> [...]
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { VALID, BROKEN5 } from "../cases.mjs";
import { run, sinkUsed } from "../timing.mjs";

const [pkgEntry, ...specs] = process.argv.slice(2);
const sdk = await import(pathToFileURL(resolve(pkgEntry)).href);
const builds = [];
for (const spec of specs) {
  const [label, dir] = spec.split("=");
  const b = await import(pathToFileURL(join(resolve(dir), "boundary.js")).href);
  const bytes = readFileSync(join(resolve(dir), "boundary_bg.wasm"));
  b.initSync({ module: bytes });
  builds.push({ label, b, size: { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length } });
}

/** The packed string back into issue objects, in JS. */
function unpack(s) {
  const parts = s.split("\u001f");
  const out = [];
  for (let i = 0; i + 3 < parts.length; i += 4) out.push({ path: parts[i], code: parts[i + 1], message: parts[i + 2], rule: parts[i + 3] });
  return out;
}

const variants = { "package export (pkg/fast.js: typed arguments in, packed string out)": (p) => sdk.validateCreatePostgresql(p) };
for (const { label, b } of builds) {
  Object.assign(variants, {
    [`${label}: JSON text in, serde-wasm-bindgen out (the package's full path)`]: (p) => b.jsonSwb(p),
    [`${label}: serde-wasm-bindgen in, serde-wasm-bindgen out`]: (p) => b.swbSwb(p),
    [`${label}: Reflect.get per known key in, serde-wasm-bindgen out`]: (p) => b.fieldsSwb(p),
    [`${label}: JSON text in, objects built with Reflect.set out`]: (p) => b.jsonObjects(p),
    [`${label}: JSON text in, one packed string out (split in JS)`]: (p) => unpack(b.jsonPacked(p)),
    [`${label}: JSON.stringify in JS, &str in, packed string out`]: (p) => unpack(b.textPacked(JSON.stringify(p))),
  });
}

const payloads = { valid: VALID, broken5: BROKEN5, "{} (11 issues)": {} };
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
const text = JSON.stringify(VALID);
groups["valid: parts"] = { "JSON.stringify alone": () => JSON.stringify(VALID) };
for (const { label, b } of builds) {
  groups["valid: parts"][`${label}: JSON text copied into wasm + serde_json parse, no rule`] = () => b.textParseOnly(text);
}
console.log(JSON.stringify({ builds: builds.map(({ label, size }) => ({ label, size })), results: run(groups), sink: sinkUsed() }));
