#!/usr/bin/env bash
# Builds the npm package into pkg/ (see docs/ARCHITECTURE.md, "Package layout"):
#   wasm-pack --target web  ->  itcare_postgresql.js / _bg.wasm / .d.ts
#   scripts/assemble-pkg.mjs ->  inline.js, inline.cjs (the module carried as base64: what
#                                `import` / `require` resolve), index.js (the URL entry, subpath
#                                /url), index.d.ts, inline.d.cts, package.json with the exports
#                                map (version from Cargo.toml), README.md, LICENSE
# then prints what `npm pack` would publish and its size.
#
# The build goes to a staging folder and replaces pkg/ only when complete, so a failed build
# leaves the previous pkg/ in place (the simulator serves it at /pkg/).
set -euo pipefail
cd "$(dirname "$0")/.."

# wasm-pack runs the first wasm-opt on PATH: it must be npm binaryen 132, never Debian's 108,
# which silently corrupts wasm-bindgen 0.2.130 output (TOOLCHAIN.md trap 1).
export PATH="$PWD/tools/node_modules/.bin:$PATH"
if [ ! -x tools/node_modules/.bin/wasm-opt ]; then
  echo "build-pkg: tools/node_modules/.bin/wasm-opt missing: run scripts/setup.sh" >&2
  exit 1
fi
case "$(wasm-opt --version)" in
  *"version 132"*) ;;
  *) echo "build-pkg: wasm-opt on PATH is not binaryen 132: $(command -v wasm-opt)" >&2; exit 1 ;;
esac

# Several test scripts call `make pkg` and may run at the same time: one build at a time, each
# in its own staging folder.
mkdir -p target
exec 9>target/.build-pkg.lock
flock 9
STAGE=$(mktemp -d target/pkg-staging.XXXXXX)
trap 'rm -rf "$STAGE"' EXIT
OUT=$STAGE/wasm-pack
NEXT=$STAGE/pkg

# --no-pack: package.json, README and LICENSE come from pkg-template/.
wasm-pack --quiet build --release --target web --no-pack \
  --out-dir "$OUT" --out-name itcare_postgresql

# The mock (itcare-postgresql/mock, issue 12): the simulator's core as its own .wasm.
bash scripts/build-mock.sh "$STAGE/mock"

# One `<module>=<wasm-pack out dir>` per WebAssembly module of the package (MODULES in
# assemble-pkg.mjs).
node scripts/assemble-pkg.mjs "$NEXT" main="$OUT" mock="$STAGE/mock"

# Swap in the new package.
if [ -d pkg ]; then mv pkg "$STAGE/old"; fi
mv "$NEXT" pkg

# What users download: file list and packed size.
(cd pkg && npm pack --dry-run --json --ignore-scripts 2>/dev/null) | node -e '
  const [info] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const kb = (n) => (n / 1024).toFixed(1) + " KB";
  console.log(`${info.name}@${info.version}: ${info.files.length} files, packed ${kb(info.size)}, unpacked ${kb(info.unpackedSize)}`);
  for (const f of info.files.sort((a, b) => a.path.localeCompare(b.path)))
    console.log(`  ${String(f.size).padStart(9)}  ${f.path}`);
  // Only what users need: exactly the files assemble-pkg listed (entries, types, glue, .wasm).
  const listed = JSON.parse(require("fs").readFileSync("pkg/package.json", "utf8")).files;
  const expected = [...listed, "LICENSE", "README.md", "package.json"];
  const got = info.files.map((f) => f.path).sort();
  if (JSON.stringify(got) !== JSON.stringify([...expected].sort())) {
    console.error(`build-pkg: unexpected tarball contents: ${got.join(" ")}`);
    process.exit(1);
  }
'
