// `make bench` (issue 7): runs every measurement, prints one table and writes BENCHMARKS.md with
// the method. Figures only: nothing here fails on a slow result; a missed target is shown with
// its ratio.
//
//   node bench/run.mjs --pkg pkg --tools tools/node_modules --waiter W.jsonl [--wasm-names F.wasm] --out BENCHMARKS.md
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    pkg: { type: "string" },
    tools: { type: "string" },
    waiter: { type: "string" },
    "wasm-names": { type: "string" },
    boundary: { type: "string", multiple: true }, // "label=dir" of bench/boundary builds
    before: { type: "string" }, // a package built before issue 15, measured alongside (breakdown)
    out: { type: "string" },
  },
});
const pkg = resolve(args.pkg);
const node = (script, ...rest) => JSON.parse(execFileSync(process.execPath, [join(here, script), ...rest], { encoding: "utf8", maxBuffer: 1 << 26, stdio: ["ignore", "pipe", "inherit"] }));

const started = new Date();
const load = loadavg()[0];
process.stderr.write("[bench] sizes\n");
const sizes = node("sizes.mjs", pkg);
process.stderr.write("[bench] validation throughput (agreement check first)\n");
const tp = node("throughput.mjs", join(pkg, "inline.js"));
process.stderr.write("[bench] start-up (Node cold processes, Chromium fresh contexts)\n");
process.stderr.write("[bench] where the time of a create call goes (bench/breakdown.mjs)\n");
const bd = node("breakdown.mjs", pkg, ...(args.before ? [resolve(args.before)] : []));
writeFileSync(join(here, "..", "target", "bench", "breakdown.json"), JSON.stringify(bd, null, 2));
// Without a package to compare, the figures recorded before issue 15 (bench/before-issue15.json).
const before = bd.before ? { ...bd.before, when: "measured in this run" } : JSON.parse(readFileSync(join(here, "before-issue15.json"), "utf8"));
const st = node("startup.mjs", pkg, resolve(args.tools));
const waiter = readFileSync(args.waiter, "utf8").trim().split("\n").map((l) => JSON.parse(l));
const names = args["wasm-names"] && existsSync(args["wasm-names"]) ? node("wasm-breakdown.mjs", resolve(args["wasm-names"]), "12") : null;
let boundary = null;
if (args.boundary?.length) {
  process.stderr.write(`[bench] boundary experiment (${args.boundary.map((b) => b.split("=")[0]).join(", ")})\n`);
  boundary = node("boundary/bench.mjs", join(pkg, "inline.js"), ...args.boundary);
}
const pkgVersion = JSON.parse(readFileSync(join(pkg, "package.json"), "utf8")).version;

// --- formatting ---------------------------------------------------------------------------
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rawGz = (m) => `${kb(m.raw)} / ${kb(m.gzip)}`;
const us = (ns) => (ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${(ns / 1000).toFixed(2)} µs`);
const ms = (x) => `${x.toFixed(1)} ms`;
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const verdict = (ok, how) => (ok ? `met (${how})` : `**missed** (${how})`);

const rows = []; // [area, measure, ours, compared with, target, result]
const row = (...cells) => rows.push(cells);

// Size
const wasm = sizes.package.wasm;
row("size", ".wasm, complete package (raw / gzip)", rawGz(wasm), "–", "≤ 100 KB gzip", verdict(wasm.gzip <= 100 * 1024, `${ratio(wasm.gzip, 100 * 1024)} the budget`));
for (const [file, label] of [
  ["itcare_postgresql.js", "JS glue, browser/bundler (`itcare_postgresql.js`)"],
  ["index.js", "URL entry wrapper (`index.js`, subpath `/url`, + the glue above and the .wasm)"],
  ["inline.js", "default ES module entry (`inline.js`, glue + the .wasm as base64)"],
  ["inline.cjs", "default CommonJS entry (`inline.cjs`, self-contained)"],
  ["browser entry bundled+minified", "browser entry as a bundler ships it (esbuild, minified)"],
]) {
  row("size", label, rawGz(sizes.glue[file]), "–", "–", "–");
}
const v = sizes.validators;
row(
  "size",
  "reference validators of C1–C10, esbuild bundle minified (raw / gzip)",
  "see .wasm",
  `zod 4 ${rawGz(v.zod)}; valibot 1 ${rawGz(v.valibot)}; ajv 8 ${rawGz(v.ajv)} (compiler shipped) or ${rawGz(v["ajv (standalone, precompiled)"])} (standalone)`,
  "–",
  `.wasm gzip = ${ratio(wasm.gzip, v.zod.gzip)} zod, ${ratio(wasm.gzip, v.valibot.gzip)} valibot, ${ratio(wasm.gzip, v.ajv.gzip)} ajv`,
);

// Throughput
const R = "rust/wasm validateCreatePostgresql";
const Z = "zod 4 safeParse";
const V = "valibot 1 safeParse";
const A = "ajv 8 compiled, allErrors";
const S = "JSON.stringify alone (first step of the full path)";
const F = "rust/wasm full path (glue export, JSON text in)";
// Targets of issue 15: valid ≤ 0.5× zod and ≤ 3× ajv; five rules broken ≤ 0.7× zod; per field ≤ 0.5 µs.
for (const [group, label, target, ok] of [
  ["valid", "validateCreatePostgresql, valid 14-field request", "≤ 0.5× zod, ≤ 3× ajv", (o, g) => o <= 0.5 * g[Z].nsPerCall && o <= 3 * g[A].nsPerCall],
  ["broken5", "validateCreatePostgresql, 5 rules broken (C1 C2 C3 C4 C7)", "≤ 0.7× zod", (o, g) => o <= 0.7 * g[Z].nsPerCall],
]) {
  const g = tp.results[group];
  const ours = g[R].nsPerCall;
  row(
    "validation",
    label,
    us(ours),
    `zod ${us(g[Z].nsPerCall)}; valibot ${us(g[V].nsPerCall)}; ajv ${us(g[A].nsPerCall)}; our full path (JSON text, for inputs the fast path declines) ${us(g[F].nsPerCall)}`,
    target,
    verdict(ok(ours, g), `${ratio(ours, g[Z].nsPerCall)} zod, ${ratio(ours, g[V].nsPerCall)} valibot, ${ratio(ours, g[A].nsPerCall)} ajv`),
  );
}
const OPR = "rust/wasm validatePostgresqlOperation";
for (const [group, label] of [
  ["operationValid", "validatePostgresqlOperation, valid restore (O3, context { now, production })"],
  ["operationBroken", "validatePostgresqlOperation, restore breaking 3 rules (O3)"],
]) {
  const g = tp.results[group];
  const ours = g[OPR].nsPerCall;
  row(
    "validation",
    label,
    us(ours),
    `zod ${us(g[Z].nsPerCall)}; valibot ${us(g[V].nsPerCall)}; ajv ${us(g[A].nsPerCall)}; our full path ${us(g[F].nsPerCall)} (same O-rules: bench/schemas/)`,
    "compared (no target)",
    `${ratio(ours, g[Z].nsPerCall)} zod, ${ratio(ours, g[V].nsPerCall)} valibot, ${ratio(ours, g[A].nsPerCall)} ajv; ${ratio(ours, g[F].nsPerCall)} our full path`,
  );
}
const f = tp.results.field;
for (const [name, m] of Object.entries(f)) {
  if (name.startsWith("zod")) continue;
  row("validation", `validateCreatePostgresqlField: ${name}`, us(m.nsPerCall), name.startsWith("name") ? `zod 4 name schema alone ${us(f["zod 4: name schema alone, valid"].nsPerCall)}` : "–", "≤ 0.5 µs", verdict(m.nsPerCall <= 500, `${ratio(m.nsPerCall, 500)} the budget`));
}

// Start-up
const sn = st.node;
row("start-up", "Node: compile + instantiate (`new WebAssembly.Module` + `initSync`), cold process", ms(sn.total.median), `compile ${ms(sn.compile.median)} + instantiate ${ms(sn.instantiate.median)}`, "< 20 ms", verdict(sn.total.median < 20, `${ratio(sn.total.median, 20)} the budget`));
row("start-up", "Node: `import` of the package entry (JS + read + compile + instantiate)", ms(sn.importEntry.median), "–", "–", "–");
row("start-up", `Chromium ${st.chromium.version}: \`init({module_or_path: bytes})\` (compile + instantiate)`, ms(st.chromium.compileInstantiate.median), "–", "–", "–");
row("start-up", "Chromium: `init()` from the URL (loopback fetch + streaming compile)", ms(st.chromium.initFromUrl.median), "–", "–", "–");

// Waiter
for (const d of [...new Set(waiter.map((w) => w.durationMs))]) {
  const get = (prefix) => waiter.find((w) => w.durationMs === d && w.strategy.startsWith(prefix));
  const ours = get("ours"), fixed = get("fixed"), aws = get("AWS");
  const budget = 0.1 * d + 1000;
  const ok = ours.pollsMax <= fixed.pollsMax && ours.delayMaxMs <= budget;
  const fmt = (w) => `${w.pollsMean.toFixed(1)} polls (max ${w.pollsMax}), seen ${(w.delayMeanMs / 1000).toFixed(1)} s late (max ${(w.delayMaxMs / 1000).toFixed(1)} s)`;
  const label = d >= 60_000 ? `${d / 60_000} min` : `${d / 1000} s`;
  row(
    "waiter",
    `action of ${label}`,
    fmt(ours),
    `fixed 2 s: ${fmt(fixed)}; AWS 2–120 s: ${fmt(aws)}`,
    `polls ≤ fixed 2 s, late ≤ ${(budget / 1000).toFixed(1)} s`,
    verdict(ok, `${ratio(ours.pollsMax, fixed.pollsMax)} the fixed poller's polls, worst delay ${ratio(ours.delayMaxMs || 0, budget)} the budget`),
  );
}

const header = ["area", "measure", "itcare-postgresql", "compared with", "target", "result"];
const table = [
  `| ${header.join(" | ")} |`,
  `|${header.map(() => "---").join("|")}|`,
  ...rows.map((r) => `| ${r.map((c) => String(c).replaceAll("|", "\\|")).join(" | ")} |`),
].join("\n");

// Where the time goes (issue 15), before and after.
const parts = [
  ["JS before the module (fast.js: reading the request, writing the texts)", "js"],
  ["module call, arguments ready (crossing + rules + messages)", "module"],
  ["reading the answer back into issue objects", "answer"],
  ["whole call", "whole"],
];
const breakdownTable = `| part | valid, before | valid, now | 5 broken, before | 5 broken, now |
|---|---|---|---|---|
${parts.map(([label, k]) => `| ${label} | ${us(before.valid[k])} | ${us(bd.after.valid[k])} | ${us(before.broken5[k])} | ${us(bd.after.broken5[k])} |`).join("\n")}`;

console.log(table);
console.log(`\nWhere the time of validateCreatePostgresql goes (before: ${before.when}):\n${breakdownTable}`);

// --- BENCHMARKS.md ------------------------------------------------------------------------
const breakdown = names
  ? `## Where the bytes of the .wasm go

From the release build before wasm-bindgen and wasm-opt (\`${names.file.replace(/.*\/target\//, "target/")}\`,
${kb(names.total)}, of which code ${kb(names.codeTotal)} in ${names.functions} functions and data
${kb(names.dataBytes)}; wasm-bindgen then drops its describe sections and the name section, and
wasm-opt -Oz brings the shipped file to ${kb(wasm.raw)}). Code size per crate, from the Rust
symbol names (a generic function counts for the crate that defines it: serde_json's
\`Deserializer\` instantiated for a model struct counts as serde_json):

| crate | code | share |
|---|---|---|
${names.crates.map((c) => `| ${c.crate} | ${kb(c.size)} | ${(c.share * 100).toFixed(1)} % |`).join("\n")}

Largest functions:

| function | code |
|---|---|
${names.topFunctions.map((fn) => `| \`${fn.name.replaceAll("|", "\\|").slice(0, 140)}\` | ${kb(fn.size)} |`).join("\n")}
`
  : "";

const boundarySection = boundary
  ? `## Boundary experiment: what the crossing costs

\`bench/boundary/\` rebuilds the same validator (\`validate_create\`) behind other ways of crossing the
JS/wasm boundary (\`bench/boundary/build.sh\`: \`z\` = the package's profile and wasm-opt -Oz, \`o3\` =
opt-level 3 and wasm-opt -O3; included when run as \`BENCH_BOUNDARY=1 make bench\`). Each variant must return exactly the package's issues before it is
timed; all run in one process, in the same rounds as the package's own export. Median time per call.
The .wasm of each build (which also carries every export of the package): ${boundary.builds.map((b) => `${b.label} ${rawGz(b.size)}`).join(", ")}.

| variant | ${Object.keys(boundary.results).filter((g) => !g.includes("parts")).join(" | ")} |
|---|${Object.keys(boundary.results).filter((g) => !g.includes("parts")).map(() => "---").join("|")}|
${Object.keys(boundary.results.valid)
  .map((variant) => `| ${variant} | ${Object.entries(boundary.results).filter(([g]) => !g.includes("parts")).map(([, g]) => us(g[variant].nsPerCall)).join(" | ")} |`)
  .join("\n")}

Parts of the JSON path on the valid payload: ${Object.entries(boundary.results["valid: parts"]).map(([n, m]) => `${n} ${us(m.nsPerCall)}`).join("; ")}.
`
  : "";

const anatomy = tp.results.anatomy;
const anatomySection = `## Where the time of a call goes

Single calls of the package's exports (same process and method as the throughput rows):

| call | time |
|---|---|
${Object.entries(anatomy).map(([n, m]) => `| ${n} | ${us(m.nsPerCall)} |`).join("\n")}
`;

// What limits the missed targets, in figures from this run.
const a = tp.results.anatomy;
const bare = a["bare call: unknown field, number value, no issue"].nsPerCall;
const oneIssue = a["one string field, one issue"].nsPerCall - a["one string field, no issue"].nsPerCall;
const manyIssues = (a["empty object: 11 issues"].nsPerCall - a["not an object: one issue, nothing parsed"].nsPerCall) / 10;
const share = (crate) => names?.crates.find((c) => c.crate === crate)?.share ?? 0;
const limits = `## What limits the figures

- **Size.** ${wasm.gzip <= 100 * 1024 ? "Within the budget." : `${kb(wasm.gzip - 100 * 1024)} gzip over the budget.`}${names ? ` Before wasm-opt the code splits as ${names.crates.slice(0, 6).map((c) => `${c.crate} ${(c.share * 100).toFixed(0)} %`).join(", ")}
  (table below); the largest functions are ${names.topFunctions.slice(0, 3).map((fn) => `\`${fn.name.split("::").slice(-2).join("::")}\` (${kb(fn.size)})`).join(", ")}.` : ""}
- **Validation.** The package's \`validateCreatePostgresql\`, \`validateCreatePostgresqlField\` and
  \`validatePostgresqlOperation\` are the wrappers of \`pkg/fast.js\`: for plain objects of primitive
  values they write the texts into the module's input buffer and pass the rest as numbers; the
  module answers 0 when valid, else the length of compact issues in its answer buffer. Anything
  else takes the full path (JSON text in, serde-wasm-bindgen objects out; ${us(tp.results.valid[F].nsPerCall)} on the valid
  request, of which \`JSON.stringify\` ${us(tp.results.valid[S].nsPerCall)}). What remains of a valid create call
  (${us(bd.after.valid.whole)} in the breakdown below): ${us(bd.after.valid.js)} of JS in fast.js (reading the request's keys
  and values as JSON would, the checks that keep both paths identical, writing the texts) and
  ${us(bd.after.valid.module)} in the module call (the crossing — a call doing nothing costs ${us(bare)} through the
  public wrapper — and the C1–C11 code at opt-level "z"). With issues, each adds about
  ${us(Math.max(oneIssue, manyIssues))} (message rendered in Rust, one \`TextDecoder.decode\` of the answer, one object per issue).
  Operations whose options nest (\`update_patch_party\`, \`install_extension\`) and contexts carrying an
  \`instance\` or \`versions\` take the full path.${boundary ? " The boundary experiment below measures the alternatives side by side." : ""}
- **Start-up in Node** is compile time, which grows with the .wasm: the same lever as the size.
`;

const md = `# Benchmarks

Written by \`make bench\` (\`scripts/bench.sh\` → \`bench/run.mjs\`) on ${started.toISOString().slice(0, 16).replace("T", " ")} UTC:
itcare-postgresql ${pkgVersion}, Node ${tp.node}, Chromium ${st.chromium.version}, ${cpus().length} CPUs
(${cpus()[0]?.model ?? "?"}), load average ${load.toFixed(2)} when it started. Figures move with the
machine's load; the ratios between validators measured in the same rounds hold better than the
absolute times. Benchmarks print figures only: no test asserts a timing.

${table}

## Method

- **Size.** \`pkg/\` as \`make pkg\` builds it (release, opt-level "z", LTO, wasm-opt 132 -Oz). gzip is
  Node's zlib at level 9. "As a bundler ships it" is \`pkg/index.js\` bundled and minified by esbuild
  with the .wasm left external. The reference validators are the three schemas in \`bench/schemas/\`,
  each bundled with its library by esbuild 0.28.2 (\`--bundle --minify --format=esm --platform=browser\`);
  ajv is shown both as users usually ship it (runtime compiler included) and precompiled with
  \`ajv/dist/standalone\`.
- **Same rules.** \`bench/schemas/{zod,valibot,ajv}.mjs\` implement C1–C10 (plus the C11 type checks the
  Rust validator also makes) with the limits of \`bench/schemas/rules.mjs\`. Before any timing,
  \`bench/agree.mjs\` runs the four validators on the ${tp.agreement.cases} cases of \`bench/cases.mjs\` (every rule,
  boundaries, types, null, HA) and stops the benchmark if any verdict differs; on the two timed
  payloads each must report exactly the same five fields. The operation rules O1–O4, O7, O8 (the
  operations whose options are flat) are written the same way (\`operationSchema\` in each schema file,
  limits in \`rules.mjs\`, context \`{ now, production: true }\`) and checked on the ${tp.agreement.operationCases} \`OP_CASES\`
  before any timing; the timed restore payloads must give the same three paths everywhere.${tp.agreement.pathNotes.length ? ` Differences in *which* fields are reported (not in the verdict): ${tp.agreement.pathNotes.join("; ")}.${tp.agreement.pathNotes.every((n) => /reports \[topology\] where/.test(n)) ? " (zod's and valibot's discriminated unions stop at `topology` when it is missing; the Rust validator and ajv report every field.)" : ""}` : ""}
- **Throughput.** One Node process (\`bench/throughput.mjs\`) loads \`pkg/inline.js\`. Per validator and payload:
  20,000 warm-up calls, a calibration so that a round lasts ~150 ms, then ${tp.results.valid[R].rounds} rounds in which the
  validators of a group run one after the other (so that machine noise hits all of them); the figure
  is the median time per call. Results are consumed so nothing is optimised away. zod and valibot run
  \`safeParse\` (every issue collected), ajv a function compiled once with \`allErrors: true\`. "JSON.stringify
  alone" is the first step of the full path (the JS object is stringified, then parsed by serde_json
  in Rust); "full path" is the glue's own export, which the package's wrappers use for inputs the
  fast path declines.
- **Per-field validation** is \`validateCreatePostgresqlField(field, value[, request])\`, one call per keystroke
  in the form; the "with the request" case also passes the whole request (C9 needs the topology).
- **Start-up.** Node: ${st.node.total.n} fresh processes each read the .wasm, then time \`new WebAssembly.Module(bytes)\`
  and the glue's \`initSync({module})\`; separately ${st.node.importEntry.n} processes time \`await import("pkg/inline.js")\`.
  Chromium: ${st.chromium.compileInstantiate.n} fresh browser contexts (no shared HTTP or code cache) each fetch the bytes,
  then time \`await init({ module_or_path: bytes })\`; separately \`await init()\` from the URL. Medians.
- **Waiter.** \`cargo run --example waiter_bench\` (\`examples/waiter_bench.rs\`) runs the Rust waiter policy
  (\`simulate_waiter\` in \`src/client/waiter.rs\`, default \`WaitPolicy\`) in simulated time against actions of
  2 s, 30 s and 5 min, with ${waiter[0].seeds} jitter seeds; a fixed 2-s poller (Azure's default interval) and AWS's
  waiter schedule (first poll at once, then a delay drawn uniformly in [2 s, min(120 s, 2 s × 2^(n−1))],
  120 s once the exponent passes log2(120/2)+1). All poll at once and see the action done iff the poll
  time ≥ its duration; "late" is the time between completion and the poll that sees it. Mean and worst case.
  The three durations are multiples of 2 s, the fixed poller's best case (a poll lands on the completion);
  for an action ending at a random moment it is on average 1 s late, at most 2 s.

${limits}
## Where the time of a create validation goes, before and after issue 15

\`bench/breakdown.mjs\` takes the package's \`validateCreatePostgresql\` apart in one process (same
method as the throughput rows): fast.js alone with the module call stubbed ("JS before the
module"), the module's fast export called directly with the arguments fast.js passed ("module
call"), and the rest of the whole call ("reading the answer back"). Before: ${before.abi}
(${before.when}); now: ${bd.after.abi}. Median per call.${bd.before ? "" : ` The before figures come from another run: the machine's load moves absolute times (2–3× on this shared machine), so compare the parts of each column with each other; \`BENCH_BEFORE=<package built before issue 15> make bench\` measures both in one process.`}

${breakdownTable}

What changed (issue 15): the texts no longer cross as a JS string (the glue's copy allocated in
wasm, ran a JS loop per character and called back into the module); fast.js writes them into
the module's input buffer. A valid request returns the number 0: no answer string, no
TextDecoder, no free. Issues are written by the rule code straight into a reused answer buffer
in a compact form (path, code and rule as one byte each, then the message; no allocation per
issue), decoded once in JS. The node sizing (C2) and ASCII passwords (C4) are checked without the
substring searcher and the Unicode tables, which dominated the rules at opt-level "z".
(Before, the glue's export decoded and freed its answer string itself, so "module call" includes
that and the rest is near 0 for a valid request.) The whole call here runs in a process of its
own; compare its parts with each other, and the throughput rows with each other.

${anatomySection}
${boundarySection}
${breakdown}`;

if (args.out) {
  writeFileSync(args.out, md);
  process.stderr.write(`[bench] wrote ${args.out}\n`);
}
