#!/usr/bin/env node
// Assembles the npm package from wasm-pack's `--target web` output and pkg-template/.
//
//   node scripts/assemble-pkg.mjs <package dir to write> <module>=<wasm-pack out dir> [...]
//
// Each WebAssembly module of the package (MODULES below: the SDK, and later the mock of issue
// 12) gets the same set of entries, so every module loads the same way everywhere:
//
//   inline.js   ES module carrying the .wasm bytes as base64: instantiated synchronously at
//               import where the engine allows it (Node, Deno, Bun, workers, today's browsers),
//               so it needs no file, no fetch and nothing from a bundler. What `import` resolves.
//   inline.cjs  the same as CommonJS (one self-contained file). What `require` resolves.
//   index.js    ES module that fetches the separate <name>_bg.wasm next to it (a file the browser
//               caches on its own, streaming compilation); `await init()` first. Fails with a
//               message naming the fix when the file is not there. Subpath `<subpath>/url`, and
//               what a page without a build step imports by path.
//   index.d.ts, inline.d.cts   types (ES module / CommonJS; same declarations and doc comments)
//
// The inline entries hold the wasm-bindgen glue rewritten without `export` and without
// `import.meta` (an ES module bundled to CommonJS would otherwise see an empty import.meta).
// One rewrite serves both formats; it fails loudly on any glue line it does not understand.
import { readFileSync, writeFileSync, appendFileSync, copyFileSync, mkdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const template = join(root, "pkg-template");
const PACKAGE = "itcare-postgresql";

// The WebAssembly modules of the package. `dir` is the folder inside the package ("" = root),
// `subpath` the key in the exports map, `wrap` a pkg-template module whose exported function
// takes the glue's exports and returns the ones it replaces (same signatures) and the ones it
// `adds` (exports of its own, declared in a `glueDts` file), `dts` extra
// hand-written declaration files appended to the generated ones.
// The mock (issue 12, `mock=<scripts/build-mock.sh out dir>`) is the simulator's core: its
// module entries go to mock/core/ (`itcare-postgresql/mock/core`, raw `MockCore`); the public
// `itcare-postgresql/mock` (createMockApi) is written over them below (MOCK_ENTRY).
const MODULES = [
  {
    id: "main",
    name: "itcare_postgresql",
    dir: "",
    subpath: ".",
    wrap: { file: "fast.js", fn: "fastValidators", replaces: ["validateCreatePostgresql", "validateCreatePostgresqlField", "validatePostgresqlOperation"],
      // Standard Schema v1 objects over the validators (issue 21).
      adds: ["createPostgresqlSchema", "postgresqlOperationSchema", "createPostgresqlFieldSchema", "createPostgresqlStandardSchema", "postgresqlOperationStandardSchema"] },
    dts: [],
    // Hand-written declarations that use the generated types (ItcareClient, issue 10): joined to
    // the generated .d.ts itself, so every entry's types carry them.
    glueDts: ["src/wasm/client.d.ts", "src/wasm/validate.d.ts", "src/wasm/form.d.ts"],
  },
  {
    id: "mock",
    name: "itcare_sim_mock",
    dir: "mock/core",
    subpath: "./mock/core",
    wrap: null,
    dts: [],
  },
];

function fail(msg) {
  console.error(`assemble-pkg: ${msg}`);
  process.exit(1);
}

const [pkgDir, ...moduleArgs] = process.argv.slice(2);
if (!pkgDir || moduleArgs.length === 0) {
  console.error("usage: assemble-pkg.mjs <package dir> <module>=<wasm-pack out dir> [...]");
  process.exit(2);
}
const outDirs = new Map(
  moduleArgs.map((arg) => {
    const i = arg.indexOf("=");
    if (i < 1) fail(`expected <module>=<dir>, got ${arg}`);
    return [arg.slice(0, i), arg.slice(i + 1)];
  }),
);
for (const id of outDirs.keys()) {
  if (!MODULES.some((m) => m.id === id)) fail(`unknown module ${id} (known: ${MODULES.map((m) => m.id)})`);
}
if (!outDirs.has("main")) fail("the main module is required");

// --- version from Cargo.toml ([package] section of the SDK crate) ---------------------------
function cargoVersion() {
  const toml = readFileSync(join(root, "Cargo.toml"), "utf8");
  let section = "";
  for (const line of toml.split("\n")) {
    const header = line.match(/^\s*\[([^\]]+)\]\s*$/);
    if (header) {
      section = header[1].trim();
      continue;
    }
    const m = line.match(/^\s*version\s*=\s*"([^"]+)"/);
    if (section === "package" && m) return m[1];
  }
  fail("no version in the [package] section of Cargo.toml");
}

/** A pkg-template module as a script fragment: its `export` keywords dropped. */
function fragment(file) {
  const text = readFileSync(join(template, file), "utf8");
  const out = text.replace(/^export (function|const|class) /gm, "$1 ");
  if (/^\s*(import|export)\b/m.test(out)) fail(`${file} has imports or exports the inliner cannot drop`);
  return out;
}

/**
 * The glue with each of its JS snippets (`#[wasm_bindgen(module = "/src/...js")]`, imported from
 * `./snippets/...`) pasted in place of the import, so no entry needs a snippets folder and the
 * inline entries stay one script. A snippet must be plain functions: no import, and exactly the
 * exported functions the glue imports.
 */
function inlineSnippets(glue, outDir, name) {
  return glue.replace(/^import \{([^}]*)\} from '(\.\/snippets\/[^']+\.js)';\n/gm, (_, names, path) => {
    const file = join(outDir, path);
    if (!existsSync(file)) fail(`the glue of ${name} imports ${path}, which wasm-pack did not write`);
    const snippet = readFileSync(file, "utf8");
    if (/^\s*import\b/m.test(snippet)) fail(`snippet ${path} imports something: the inliner cannot paste it`);
    const exported = [...snippet.matchAll(/^export function ([A-Za-z_$][\w$]*)/gm)].map((m) => m[1]).sort();
    const imported = names.split(",").map((s) => s.trim()).filter(Boolean).sort();
    if (imported.some((n) => /\sas\s/.test(n)) || exported.join() !== imported.join()) {
      fail(`snippet ${path} exports [${exported}], the glue of ${name} imports [${imported}]`);
    }
    const body = snippet.replace(/^export function /gm, "function ");
    if (/^\s*export\b/m.test(body)) fail(`snippet ${path} has an export the inliner cannot drop`);
    return `// ${path.replace(/^\.\/snippets\/[^/]+\//, "")}, pasted by scripts/assemble-pkg.mjs\n${body.trimEnd()}\n`;
  });
}

/**
 * The wasm-bindgen web glue as a script body: `export` dropped, `import.meta` gone.
 * Returns { body, exported: Map<exportedName, localName> }.
 */
function glueBody(glue, name) {
  const exported = new Map();
  const defaultUrl = `new URL('${name}_bg.wasm', import.meta.url)`;
  if (!glue.includes(defaultUrl)) fail(`the glue of ${name} no longer contains ${defaultUrl}`);
  const body = glue
    .replace(/^\/\* @ts-self-types=[^\n]*\n/, "")
    .replace(
      defaultUrl,
      `(() => { throw new Error("${PACKAGE}: the inline entry carries its module and fetches nothing"); })()`,
    )
    .split("\n")
    .map((line) => {
      let m;
      if ((m = line.match(/^export (async function\*?|function\*?|class|const|let|var) ([A-Za-z_$][\w$]*)(.*)$/))) {
        exported.set(m[2], m[2]);
        return `${m[1]} ${m[2]}${m[3]}`;
      }
      if ((m = line.match(/^export \{([^}]*)\};?\s*$/))) {
        for (const spec of m[1].split(",").map((s) => s.trim()).filter(Boolean)) {
          const [local, as] = spec.split(/\s+as\s+/);
          exported.set(as ?? local, local);
        }
        return "";
      }
      if ((m = line.match(/^export default ([A-Za-z_$][\w$]*);?\s*$/))) {
        exported.set("default", m[1]);
        return "";
      }
      if (/^\s*(import|export)\b/.test(line)) fail(`glue line of ${name} not understood: ${line}`);
      return line;
    })
    .join("\n");
  if (/\bimport\.meta\b|^\s*export\s/m.test(body)) fail(`ESM syntax left in the inline glue of ${name}`);
  // The text codecs: the engine's where it has them, pkg-template/text-codec.js's otherwise.
  for (const codec of ["TextDecoder", "TextEncoder"]) {
    if (!body.includes(`new ${codec}(`)) fail(`the glue of ${name} no longer creates a ${codec}`);
  }
  const codecBody = body.replaceAll("new TextDecoder(", "new InlineTextDecoder(").replaceAll("new TextEncoder(", "new InlineTextEncoder(");
  if (/\bText(De|En)coder\b/.test(codecBody.replace(/InlineText(De|En)coder/g, ""))) {
    fail(`the glue of ${name} uses TextDecoder/TextEncoder in a way the inliner does not redirect`);
  }
  for (const needed of ["initSync", "default"]) {
    if (!exported.has(needed)) fail(`the glue of ${name} does not export ${needed}`);
  }
  return { body: codecBody, exported };
}

const INIT_DOC = `/**
 * Makes the WebAssembly module ready. Idempotent: every call returns the same promise, resolving
 * to the module's exports. The default entry carries the module and instantiates it when
 * imported wherever the engine compiles synchronously (Node, Deno, Bun, workers, current
 * browsers): there \`init()\` resolves at once and calling it is optional. The \`/url\` entry
 * fetches the separate .wasm file: call \`await init()\` (optionally with the file's URL) before
 * the first call. Awaiting it is the one rule that holds for every entry.
 */`;

mkdirSync(pkgDir, { recursive: true });
const version = cargoVersion();
const exportsMap = {};
const files = [];
const sizes = [];

for (const mod of MODULES) {
  const outDir = outDirs.get(mod.id);
  if (!outDir) continue;
  const { name } = mod;
  const dir = join(pkgDir, mod.dir);
  mkdirSync(dir, { recursive: true });
  const rel = (f) => (mod.dir ? `${mod.dir}/${f}` : f);
  const dot = (f) => `./${rel(f)}`;
  const label = mod.subpath === "." ? PACKAGE : `${PACKAGE}/${mod.subpath.slice(2)}`;

  for (const f of mod.glueDts ?? []) {
    appendFileSync(join(outDir, `${name}.d.ts`), `\n${readFileSync(join(root, f), "utf8")}`);
  }
  // wasm-pack output: the URL entry's glue (its JS snippets inlined), its types and the .wasm.
  for (const f of [`${name}.js`, `${name}.d.ts`, `${name}_bg.wasm`]) {
    if (!existsSync(join(outDir, f))) fail(`missing ${f} in ${outDir}`);
    if (f !== `${name}.js`) copyFileSync(join(outDir, f), join(dir, f));
  }
  const glue = inlineSnippets(readFileSync(join(outDir, `${name}.js`), "utf8"), outDir, name);
  writeFileSync(join(dir, `${name}.js`), glue);
  const wasm = readFileSync(join(outDir, `${name}_bg.wasm`));
  const { body, exported } = glueBody(glue, name);
  const extraDts = mod.dts.map((f) => readFileSync(join(template, f), "utf8").trimEnd()).join("\n\n");
  if (mod.wrap) copyFileSync(join(template, mod.wrap.file), join(dir, mod.wrap.file));

  // Names the wrapper replaces (same signatures and results as the glue's).
  const replaced = mod.wrap ? mod.wrap.replaces : [];
  for (const w of replaced) if (!exported.has(w)) fail(`${mod.wrap.file} replaces ${w}, which the glue does not export`);
  const added = mod.wrap?.adds ?? [];
  for (const a of added) if (exported.has(a)) fail(`${mod.wrap.file} adds ${a}, which the glue already exports`);
  const wrapped = [...replaced, ...added];
  // The glue's own `init`-like exports stay internal to the inline entries: `init` and the
  // default export are the loader's.
  const publicNames = [...exported.keys()].filter((n) => n !== "default" && !replaced.includes(n));
  const base64 = wasm.toString("base64");
  const header = (what) =>
    `// ${what} of ${label}, generated by scripts/assemble-pkg.mjs from the wasm-bindgen web glue
// (${name}.js), pkg-template/text-codec.js and inline-loader.js. It carries ${name}_bg.wasm as base64 and
// instantiates it when loaded where the engine compiles synchronously; \`init()\` is idempotent
// and resolves once the module is ready (at once in that case).`;
  // The wrapper gets the glue's exports (by their exported names) and returns its replacements,
  // bound to `__wrapped_<name>` (the glue's own functions keep their names in the body).
  const glueExports = [...exported].filter(([n]) => n !== "default").map(([n, l]) => (n === l ? n : `${n}: ${l}`));
  const wrapCall = mod.wrap
    ? `const { ${wrapped.map((n) => `${n}: __wrapped_${n}`).join(", ")} } = ${mod.wrap.fn}({ ${glueExports.join(", ")} });\n`
    : "";
  const publicPairs = [
    ...publicNames.map((n) => [n, exported.get(n)]),
    ...wrapped.map((n) => [n, `__wrapped_${n}`]),
    ["init", "init"],
    ["default", "init"],
  ];
  const esmExports = publicPairs.map(([as, local]) => (as === local ? as : `${local} as ${as}`)).join(", ");
  const cjsExports = publicPairs.map(([as, local]) => `exports.${as} = ${local};`).join("\n");
  const loaderCall = `const init = inlineInit({ initSync: ${exported.get("initSync")}, initAsync: ${exported.get("default")} }, WASM_BASE64, ${JSON.stringify(label)});`;

  // --- inline.js ------------------------------------------------------------------------------
  const esm = `${header("Inline ES module entry")}
${mod.wrap ? `import { ${mod.wrap.fn} } from "./${mod.wrap.file}";\n` : ""}
${fragment("text-codec.js").trim()}

${body.trimEnd()}

${fragment("inline-loader.js").trim()}

const WASM_BASE64 = "${base64}";
${loaderCall}
${wrapCall}export { ${esmExports} };
`;
  writeFileSync(join(dir, "inline.js"), esm);

  // --- inline.cjs -----------------------------------------------------------------------------
  const cjs = `"use strict";
${header("Inline CommonJS entry")}

${fragment("text-codec.js").trim()}

${body.trimEnd()}

${fragment("inline-loader.js").trim()}
${mod.wrap ? `\n${fragment(mod.wrap.file).trim()}\n` : ""}
const WASM_BASE64 = "${base64}";
${loaderCall}
${wrapCall}${cjsExports}
Object.defineProperty(exports, "__esModule", { value: true });
`;
  writeFileSync(join(dir, "inline.cjs"), cjs);

  // --- index.js: the URL entry ----------------------------------------------------------------
  const urlEntry = readFileSync(join(template, "url-entry.js"), "utf8")
    .replaceAll("__NAME__", name)
    .replaceAll("__LABEL__", label)
    .replace(
      /^\/\/ @wrap-begin\n([\s\S]*?)\/\/ @wrap-end\n/m,
      mod.wrap
        ? `import { ${mod.wrap.fn} } from "./${mod.wrap.file}";\nexport const { ${wrapped.join(", ")} } = ${mod.wrap.fn}(glue);\n`
        : "",
    );
  if (/__NAME__|__LABEL__|@wrap-/.test(urlEntry)) fail("url-entry.js placeholders left");
  writeFileSync(join(dir, "index.js"), urlEntry);

  // --- types ------------------------------------------------------------------------------------
  const dtsHeader = `// Types of ${label}. The declarations and their doc comments are generated from the Rust
// sources (${name}.d.ts)${mod.dts.length ? ` and ${mod.dts.join(", ")}` : ""}.`;
  writeFileSync(
    join(dir, "index.d.ts"),
    `${dtsHeader}
export * from "./${name}.js";
import __wbg_init from "./${name}.js";
${extraDts ? `${extraDts}\n` : ""}${INIT_DOC}
export declare const init: typeof __wbg_init;
export default init;
`,
  );
  // A .d.cts may not re-export the package's ESM .d.ts under node16 (TS1479): its own copy.
  const dts = readFileSync(join(outDir, `${name}.d.ts`), "utf8");
  if (!/export default function __wbg_init/.test(dts)) fail(`the .d.ts of ${name} has no default __wbg_init`);
  writeFileSync(
    join(dir, "inline.d.cts"),
    `${dtsHeader}
${dts.trimEnd()}
${extraDts ? `\n${extraDts}\n` : ""}
${INIT_DOC}
export declare const init: typeof __wbg_init;
`,
  );

  // --- exports map ------------------------------------------------------------------------------
  const inline = {
    import: { types: dot("index.d.ts"), default: dot("inline.js") },
    require: { types: dot("inline.d.cts"), default: dot("inline.cjs") },
    default: { types: dot("index.d.ts"), default: dot("inline.js") },
  };
  exportsMap[mod.subpath] = inline;
  // The URL entry is for browsers; Node (nothing to fetch from file:) and `require` get the
  // inline entry under the same subpath, so isomorphic code (SSR) works unchanged.
  exportsMap[mod.subpath === "." ? "./url" : `${mod.subpath}/url`] = {
    node: inline,
    require: inline.require,
    default: { types: dot("index.d.ts"), default: dot("index.js") },
  };
  // No subpath for the .wasm itself: types cannot describe it (attw: "Resolution failed"); the
  // URL entry finds it by `new URL(..., import.meta.url)` or takes its URL as an argument.
  files.push(
    ...["inline.js", "inline.cjs", "index.js", "index.d.ts", "inline.d.cts", `${name}.js`, `${name}.d.ts`, `${name}_bg.wasm`]
      .concat(mod.wrap ? [mod.wrap.file] : [])
      .map(rel),
  );
  sizes.push(`${label}: ${exported.size} glue exports, inline.js ${esm.length} B, wasm ${wasm.length} B`);
}
// --- itcare-postgresql/mock: createMockApi over the mock's core ----------------------------------
// pkg-template/mock/api.js (`mockApi({ init, MockCore })` returns createMockApi) over each core
// entry: index.js over the inline ES module, index.cjs over the inline CommonJS one, url.js over
// the URL entry (fetches mock/core/itcare_sim_mock_bg.wasm). Types: pkg-template/mock/index.d.ts.
if (outDirs.has("mock")) {
  const dir = join(pkgDir, "mock");
  const api = fragment("mock/api.js").trim();
  const head = (what, over) =>
    `// ${what} of ${PACKAGE}/mock, generated by scripts/assemble-pkg.mjs from pkg-template/mock/api.js
// over ${over}.`;
  writeFileSync(
    join(dir, "index.js"),
    `${head("ES module entry", "core/inline.js (the core's .wasm carried inline)")}
import init, { MockCore } from "./core/inline.js";

${api}

export const createMockApi = mockApi({ init, MockCore });
export default createMockApi;
`,
  );
  writeFileSync(
    join(dir, "url.js"),
    `${head("URL entry", "core/index.js (fetches core/itcare_sim_mock_bg.wasm)")}
import init, { MockCore } from "./core/index.js";

${api}

export const createMockApi = mockApi({ init, MockCore });
export default createMockApi;
`,
  );
  writeFileSync(
    join(dir, "index.cjs"),
    `"use strict";
${head("CommonJS entry", "core/inline.cjs (the core's .wasm carried inline)")}
const { init, MockCore } = require("./core/inline.cjs");

${api}

exports.createMockApi = mockApi({ init, MockCore });
exports.default = exports.createMockApi;
Object.defineProperty(exports, "__esModule", { value: true });
`,
  );
  const mockDts = readFileSync(join(template, "mock", "index.d.ts"), "utf8");
  writeFileSync(join(dir, "index.d.ts"), mockDts);
  writeFileSync(join(dir, "index.d.cts"), mockDts.replace(/^export default createMockApi;\n?/m, ""));
  const entry = {
    import: { types: "./mock/index.d.ts", default: "./mock/index.js" },
    require: { types: "./mock/index.d.cts", default: "./mock/index.cjs" },
    default: { types: "./mock/index.d.ts", default: "./mock/index.js" },
  };
  exportsMap["./mock"] = entry;
  exportsMap["./mock/url"] = {
    node: entry,
    require: entry.require,
    default: { types: "./mock/index.d.ts", default: "./mock/url.js" },
  };
  files.push(...["index.js", "index.cjs", "url.js", "index.d.ts", "index.d.cts"].map((f) => `mock/${f}`));
}
exportsMap["./package.json"] = "./package.json";
// The API contract (OpenAPI 3, generated from the Rust models; a simulator test keeps it fresh).
copyFileSync(join(root, "docs", "openapi.json"), join(pkgDir, "openapi.json"));
exportsMap["./openapi.json"] = "./openapi.json";
files.push("openapi.json");

// Resolvers that ignore the exports map (TypeScript's node10, old bundlers) find each subpath
// through a folder of that name with its own package.json pointing at the `require` entry and
// its types. "type": "module" keeps the meaning of any .js file in that folder unchanged.
for (const [subpath, entry] of Object.entries(exportsMap)) {
  // "." has the package's own main/types; a string maps a data file (package.json, openapi.json).
  if (subpath === "." || typeof entry === "string") continue;
  const target = entry.require;
  if (!target?.default || !target?.types) fail(`${subpath} has no require entry with types for its node10 stub`);
  const folder = subpath.slice(2);
  const back = (file) => relative(join(pkgDir, folder), join(pkgDir, file)).split(sep).join("/");
  const stub = { type: "module", main: back(target.default), types: back(target.types) };
  mkdirSync(join(pkgDir, folder), { recursive: true });
  writeFileSync(join(pkgDir, folder, "package.json"), JSON.stringify(stub, null, 2) + "\n");
  files.push(`${folder}/package.json`);
}

// --- package.json, README, LICENSE ------------------------------------------------------------
const pkg = JSON.parse(readFileSync(join(template, "package.json"), "utf8"));
pkg.version = version;
pkg.main = "./inline.cjs";
pkg.module = "./inline.js";
pkg.types = "./index.d.ts";
pkg.exports = exportsMap;
// Importing the package has no effect outside its own modules (instantiating the module is
// internal): bundlers may drop it when nothing is used.
pkg.sideEffects = false;
pkg.files = files.sort();
writeFileSync(join(pkgDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
for (const f of ["README.md", "LICENSE"]) copyFileSync(join(template, f), join(pkgDir, f));

console.log(`assemble-pkg: ${pkg.name}@${pkg.version} in ${pkgDir}\n  ${sizes.join("\n  ")}`);
