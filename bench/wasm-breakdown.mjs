// Where the bytes of the .wasm go, twiggy-style: reads the release build of the crate before
// wasm-bindgen and wasm-opt (target/wasm32-unknown-unknown/release/itcare_postgresql.wasm, which
// keeps the function names) and sums code size per crate (from the Rust symbol names) and per
// function, plus the data segments. Prints JSON on stdout.
//
//   node bench/wasm-breakdown.mjs <file.wasm> [top N]
import { readFileSync } from "node:fs";

const [file, topArg] = process.argv.slice(2);
const bytes = readFileSync(file);
const TOP = Number(topArg ?? 15);
let pos = 8;

function leb(buf, p) {
  let result = 0, shift = 0, b;
  do {
    b = buf[p.i++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return result;
}
const str = (buf, p) => {
  const n = leb(buf, p);
  const s = buf.toString("utf8", p.i, p.i + n);
  p.i += n;
  return s;
};

const sections = {};
let importedFuncs = 0;
const bodies = []; // [funcIndex, size]
const names = new Map();
let dataBytes = 0;
while (pos < bytes.length) {
  const id = bytes[pos];
  const p = { i: pos + 1 };
  const size = leb(bytes, p);
  const start = p.i;
  const end = start + size;
  if (id === 0) {
    const name = str(bytes, p);
    sections[`custom:${name}`] = (sections[`custom:${name}`] ?? 0) + size;
    if (name === "name") {
      while (p.i < end) {
        const sub = bytes[p.i++];
        const subSize = leb(bytes, p);
        const subEnd = p.i + subSize;
        if (sub === 1) {
          const n = leb(bytes, p);
          for (let k = 0; k < n; k++) {
            const idx = leb(bytes, p);
            names.set(idx, str(bytes, p));
          }
        }
        p.i = subEnd;
      }
    }
  } else {
    const label = { 1: "type", 2: "import", 3: "function", 4: "table", 5: "memory", 6: "global", 7: "export", 8: "start", 9: "element", 10: "code", 11: "data", 12: "datacount" }[id] ?? `id${id}`;
    sections[label] = (sections[label] ?? 0) + size;
    if (id === 2) {
      const n = leb(bytes, p);
      for (let k = 0; k < n; k++) {
        str(bytes, p);
        str(bytes, p);
        const kind = bytes[p.i++];
        if (kind === 0) {
          leb(bytes, p);
          importedFuncs++;
        } else if (kind === 1) {
          p.i++;
          const flags = bytes[p.i++];
          leb(bytes, p);
          if (flags & 1) leb(bytes, p);
        } else if (kind === 2) {
          const flags = bytes[p.i++];
          leb(bytes, p);
          if (flags & 1) leb(bytes, p);
        } else if (kind === 3) {
          p.i += 2;
        } else if (kind === 4) {
          p.i++;
          leb(bytes, p);
        }
      }
    } else if (id === 10) {
      const n = leb(bytes, p);
      for (let k = 0; k < n; k++) {
        const bodySize = leb(bytes, p);
        bodies.push([importedFuncs + k, bodySize]);
        p.i += bodySize;
      }
    } else if (id === 11) {
      dataBytes += size;
    }
  }
  pos = end;
}

/** Crate of a (legacy-mangled or plain) Rust symbol. */
function crateOf(sym) {
  let s = sym;
  if (s.startsWith("_R")) {
    // v0 mangling: the first crate root is `C<disambiguator>_<len><name>`.
    const m = s.match(/C(?:s[0-9A-Za-z]*_)?(\d+)([A-Za-z_]\w*)/);
    return m ? m[2].slice(0, Number(m[1])) : "?";
  }
  if (s.startsWith("_ZN")) {
    const m = s.slice(3).match(/^(\d+)/);
    if (m) s = s.slice(3 + m[1].length, 3 + m[1].length + Number(m[1]));
  }
  s = s.replace(/^_?\$LT\$/, "").replace(/^\$RF\$(mut\$u20\$)?/, "").replace(/^</, "").replace(/^&(mut )?/, "");
  // `<T as Trait>` with a generic or primitive T counts for the trait's crate.
  const qualified = s.match(/^([^.$]*)\$u20\$as\$u20\$(.*)$/);
  if (qualified && !qualified[1].includes("..")) s = qualified[2];
  const first = s.split(/::|\.\./)[0];
  return first || "?";
}
function demangle(sym) {
  if (!sym.startsWith("_ZN")) return sym;
  const parts = [];
  let i = 3;
  while (i < sym.length && sym[i] !== "E") {
    const m = sym.slice(i).match(/^(\d+)/);
    if (!m) break;
    i += m[1].length;
    parts.push(sym.slice(i, i + Number(m[1])));
    i += Number(m[1]);
  }
  if (parts.length && /^h[0-9a-f]{16}$/.test(parts.at(-1))) parts.pop();
  return parts
    .join("::")
    .replace(/\$LT\$/g, "<").replace(/\$GT\$/g, ">").replace(/\$u20\$/g, " ").replace(/\$RF\$/g, "&")
    .replace(/\$C\$/g, ",").replace(/\$u7b\$/g, "{").replace(/\$u7d\$/g, "}").replace(/\.\./g, "::").replace(/^_</, "<");
}

const byCrate = new Map();
const codeTotal = bodies.reduce((a, [, s]) => a + s, 0);
for (const [idx, size] of bodies) {
  const c = crateOf(names.get(idx) ?? "?");
  byCrate.set(c, (byCrate.get(c) ?? 0) + size);
}
const crates = [...byCrate].sort((a, b) => b[1] - a[1]).map(([crate, size]) => ({ crate, size, share: size / codeTotal }));
const functions = bodies
  .sort((a, b) => b[1] - a[1])
  .slice(0, TOP)
  .map(([idx, size]) => ({ name: demangle(names.get(idx) ?? `func${idx}`), size }));

console.log(JSON.stringify({ file, total: bytes.length, sections, functions: bodies.length, codeTotal, dataBytes, crates: crates.slice(0, TOP), topFunctions: functions }));
