// Package linters on what users download: @arethetypeswrong/cli on the tarball itself (every
// subpath under node10, node16 from CJS and ESM, bundler) and publint on the installed package.
// Both pinned in ../toolbox; both must report no problem at all (suggestions included).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { bin, run } from "./lib/run.mjs";

test("attw reports no problem for any subpath under any resolution", () => {
  const r = run(bin("attw"), [process.env.ITCARE_TARBALL, "--format", "table-flipped"], { allowFailure: true });
  console.log(r.output);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /No problems found/);
});

test("publint finds nothing to report (no error, warning or suggestion)", () => {
  const r = run(bin("publint"), ["--strict", join("node_modules", "itcare-postgresql")], { allowFailure: true });
  console.log(r.output);
  assert.equal(r.status, 0, r.output);
  assert.match(r.output, /All good!/);
});
