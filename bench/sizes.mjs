// Download sizes: the package's .wasm and JS glue per entry (raw, gzip -9, and for the browser
// entry the size after a bundler's minifier), and the equivalent zod 4 / valibot 1 / ajv 8
// validators bundled and minified by esbuild. Prints JSON on stdout.
//
//   node bench/sizes.mjs <pkg dir>
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import standaloneCode from "ajv/dist/standalone/index.js";
import Ajv from "ajv";
import { createJsonSchema } from "./schemas/ajv.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = process.argv[2];
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const measure = (buf) => ({ raw: buf.length, gzip: gz(buf) });

async function bundle(entry, extra = {}) {
  const r = await build({ entryPoints: [entry], bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent", ...extra });
  return Buffer.from(r.outputFiles[0].contents);
}

const out = { package: {}, glue: {}, validators: {} };
out.package.wasm = measure(readFileSync(join(pkg, "itcare_postgresql_bg.wasm")));
for (const f of ["itcare_postgresql.js", "index.js", "inline.js", "inline.cjs"]) out.glue[f] = measure(readFileSync(join(pkg, f)));
// What a bundler ships for the browser entry (index.js + glue), minified.
out.glue["browser entry bundled+minified"] = measure(await bundle(join(pkg, "index.js"), { external: ["*.wasm"] }));

for (const lib of ["zod", "valibot", "ajv"]) out.validators[lib] = measure(await bundle(join(here, "entries", `${lib}.mjs`)));

// ajv users who care about size precompile the schema (no compiler shipped): standalone code.
const tmp = mkdtempSync(join(tmpdir(), "ajv-standalone-"));
try {
  const ajv = new Ajv({ allErrors: true, code: { source: true } });
  const code = standaloneCode(ajv, ajv.compile(createJsonSchema));
  writeFileSync(join(tmp, "validate.cjs"), code);
  writeFileSync(join(tmp, "entry.mjs"), 'import v from "./validate.cjs"; export const validate = (r) => v(r);');
  out.validators["ajv (standalone, precompiled)"] = measure(await bundle(join(tmp, "entry.mjs"), { nodePaths: [join(here, "node_modules")] }));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(JSON.stringify(out));
