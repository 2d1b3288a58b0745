// Where the time of a create validation goes (issue 15): the package's own wrapper
// (pkg/fast.js) taken apart, in one Node process, with the method of throughput.mjs. For each
// payload of bench/cases.mjs:
//
//   whole call        the package's validateCreatePostgresql (fast.js + module)
//   JS before         fast.js alone, the module call replaced by a stub answering "no issue":
//                     reading the request, writing the texts, the locale
//   module call       the module's fast export called directly with the arguments fast.js
//                     passed (texts already prepared): the crossing, the rules and, when there
//                     are issues, their messages
//   answer in JS      the rest (whole call - JS before - module call): reading the issues back
//                     into objects
//
// Works on the package as built now (`__validateIo`: texts in the module's buffer, a number
// back) and on the one before issue 15 (texts as a JS string, a packed string back), so the
// same figures can be taken of both: `node bench/breakdown.mjs <pkg dir> [<pkg dir before>]`.
// Prints JSON on stdout.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { VALID, BROKEN5 } from "./cases.mjs";
import { run } from "./timing.mjs";

async function load(dir) {
  const url = (f) => pathToFileURL(join(resolve(dir), f)).href;
  const glue = await import(url("itcare_postgresql.js"));
  glue.initSync({ module: readFileSync(join(dir, "itcare_postgresql_bg.wasm")) });
  const { fastValidators } = await import(url("fast.js"));
  const buffered = typeof glue.__validateIo === "function";
  // The arguments fast.js passes for a payload (captured once), and fast.js with a stub module.
  let captured = null;
  const capture = fastValidators({ ...glue, __validateCreateFast: (...a) => ((captured = a), glue.__validateCreateFast(...a)) });
  const stub = fastValidators({ ...glue, __validateCreateFast: () => (buffered ? 0 : "") });
  const whole = fastValidators(glue);
  const fast = glue.__validateCreateFast;
  return {
    abi: buffered ? "texts in the module's buffer, a number back" : "texts as a JS string, a packed string back",
    parts(payload) {
      const expected = JSON.stringify(whole.validateCreatePostgresql(payload));
      if (JSON.stringify(capture.validateCreatePostgresql(payload)) !== expected || captured === null) {
        throw new Error(`${dir}: the payload does not take the fast path`);
      }
      const args = captured;
      // With the buffer ABI the input stays in the module's buffer: replaying the call is
      // exactly the module's part. (Nothing else writes the buffer during the rounds below.)
      return {
        "whole call": () => whole.validateCreatePostgresql(payload),
        "JS before the module": () => stub.validateCreatePostgresql(payload),
        "module call (texts ready)": () => fast(...args),
      };
    },
  };
}

const [dir, before] = process.argv.slice(2);
const builds = [["after", await load(dir)]];
if (before) builds.push(["before", await load(before)]);

const groups = {};
for (const [label, b] of builds) {
  groups[`${label}: valid`] = b.parts(VALID);
  groups[`${label}: broken5`] = b.parts(BROKEN5);
}
// Each build's rounds interleaved with its own parts (run() interleaves within a group).
const results = run(groups);
const out = {};
for (const [label, b] of builds) {
  out[label] = { abi: b.abi };
  for (const payload of ["valid", "broken5"]) {
    const g = results[`${label}: ${payload}`];
    const whole = g["whole call"].nsPerCall;
    const js = g["JS before the module"].nsPerCall;
    const module = g["module call (texts ready)"].nsPerCall;
    out[label][payload] = { whole, js, module, answer: Math.max(0, whole - js - module) };
  }
}
console.log(JSON.stringify(out));
