// TypeScript consumer: `tsc --strict --noEmit` under moduleResolution bundler and node16 (ESM and
// CommonJS), then the compiler API checks which declaration file each resolution lands on and
// that doc comments reach the user's editor.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { readFileSync, writeFileSync } from "node:fs";

const tools = process.env.TOOLS_NODE_MODULES;
if (!tools) throw new Error("TOOLS_NODE_MODULES is not set (run through scripts/test-consumers.sh)");
const ts = createRequire(join(tools, "noop.js"))("typescript");
const tsc = join(tools, ".bin", "tsc");
const here = process.cwd();

function runTsc(project) {
  try {
    return { code: 0, out: execFileSync(tsc, ["-p", project], { cwd: here, encoding: "utf8" }) };
  } catch (e) {
    return { code: e.status, out: `${e.stdout}${e.stderr}` };
  }
}

for (const project of ["tsconfig.bundler.json", "tsconfig.node16.json"]) {
  test(`tsc --strict --noEmit -p ${project} passes (and the diskSize misuse is an error)`, () => {
    const { code, out } = runTsc(project);
    assert.equal(code, 0, out);
  });
}

test("without the @ts-expect-error line the misuse is reported as TS2322 on diskSize", () => {
  const src = readFileSync(join(here, "consumer.ts"), "utf8");
  writeFileSync(join(here, "misuse.ts"), src.replace(/^\s*\/\/ @ts-expect-error.*$/m, ""));
  writeFileSync(
    join(here, "tsconfig.misuse.json"),
    JSON.stringify({ extends: "./tsconfig.bundler.json", files: ["misuse.ts"] }),
  );
  const { code, out } = runTsc("tsconfig.misuse.json");
  assert.notEqual(code, 0);
  assert.match(out, /misuse\.ts\(\d+,\d+\): error TS2322: Type 'string' is not assignable to type 'number'/);
});

function program(project) {
  const config = ts.getParsedCommandLineOfConfigFile(join(here, project), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  return ts.createProgram({ rootNames: config.fileNames, options: config.options });
}

function resolvedDeclaration(prog, fromFile) {
  const sf = prog.getSourceFile(join(here, fromFile));
  const mode = prog.getModeForUsageLocation?.(sf, sf.imports[0]) ?? undefined;
  const res = ts.resolveModuleName("itcare-postgresql", sf.fileName, prog.getCompilerOptions(), ts.sys, undefined, undefined, mode);
  return res.resolvedModule?.resolvedFileName ?? "";
}

function docOf(prog, fromFile, typeName, prop) {
  const checker = prog.getTypeChecker();
  const sf = prog.getSourceFile(join(here, fromFile));
  const moduleSymbol = checker.getSymbolAtLocation(sf.imports[0]);
  assert.ok(moduleSymbol, `no module symbol for the import in ${fromFile}`);
  const exported = checker.getExportsOfModule(moduleSymbol).find((s) => s.name === typeName);
  assert.ok(exported, `${typeName} is not exported`);
  const type = checker.getDeclaredTypeOfSymbol(exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
  const member = type.getProperty(prop);
  assert.ok(member, `${typeName}.${prop} missing`);
  return ts.displayPartsToString(member.getDocumentationComment(checker));
}

test("bundler resolution lands on index.d.ts; node16 ESM on index.d.ts and CommonJS on inline.d.cts", () => {
  assert.match(resolvedDeclaration(program("tsconfig.bundler.json"), "consumer.ts"), /node_modules\/itcare-postgresql\/index\.d\.ts$/);
  const node16 = program("tsconfig.node16.json");
  assert.match(resolvedDeclaration(node16, "consumer.ts"), /node_modules\/itcare-postgresql\/index\.d\.ts$/);
  assert.match(resolvedDeclaration(node16, "consumer-cjs.cts"), /node_modules\/itcare-postgresql\/inline\.d\.cts$/);
});

test("doc comments from the Rust sources reach the types under every resolution", () => {
  for (const [project, file] of [
    ["tsconfig.bundler.json", "consumer.ts"],
    ["tsconfig.node16.json", "consumer.ts"],
    ["tsconfig.node16.json", "consumer-cjs.cts"],
  ]) {
    const prog = program(project);
    const disk = docOf(prog, file, "CreatePostgresql", "diskSize");
    assert.match(disk, /40 to 1024/, `${project} ${file}: ${disk}`);
    const path = docOf(prog, file, "ValidationIssue", "path");
    assert.ok(path.length > 0, `${project} ${file}: ValidationIssue.path has no doc comment`);
  }
});
