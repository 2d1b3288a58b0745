// Start-up: time to compile and instantiate the module, median of cold loads.
// - Node: N fresh processes; each reads the .wasm (not timed), then times `new WebAssembly.Module`
//   (compile) and the glue's `initSync` (instantiate + start), and separately the whole
//   `import` of the Node entry (JS parse + read + compile + instantiate).
// - Chromium (Playwright, headless): N fresh browser contexts (no HTTP or code cache shared);
//   each page fetches the bytes (not timed), then times `await init({ module_or_path: bytes })`
//   (compile + instantiate), and separately `await init()` from the URL (fetch + streaming compile).
// Prints JSON on stdout.
//
//   node bench/startup.mjs <pkg dir> <tools node_modules>
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve, extname } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = resolve(process.argv[2]);
const tools = resolve(process.argv[3]);
const N = Number(process.env.BENCH_COLD_LOADS ?? 15);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// --- Node ----------------------------------------------------------------------------------
const glue = pathToFileURL(join(pkg, "itcare_postgresql.js")).href;
const nodeEntry = pathToFileURL(join(pkg, "inline.js")).href;
const childCode = `
  import { readFileSync } from "node:fs";
  import { performance } from "node:perf_hooks";
  const { initSync } = await import(${JSON.stringify(glue)});
  const bytes = readFileSync(new URL("itcare_postgresql_bg.wasm", ${JSON.stringify(glue)}));
  const t0 = performance.now();
  const module = new WebAssembly.Module(bytes);
  const t1 = performance.now();
  initSync({ module });
  const t2 = performance.now();
  console.log(JSON.stringify({ compile: t1 - t0, instantiate: t2 - t1, total: t2 - t0 }));
`;
const importCode = `
  import { performance } from "node:perf_hooks";
  const t0 = performance.now();
  await import(${JSON.stringify(nodeEntry)});
  console.log(JSON.stringify({ importEntry: performance.now() - t0 }));
`;
const node = { compile: [], instantiate: [], total: [], importEntry: [] };
for (let i = 0; i < N; i++) {
  const a = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", childCode], { encoding: "utf8" }));
  const b = JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", importCode], { encoding: "utf8" }));
  for (const k of ["compile", "instantiate", "total"]) node[k].push(a[k]);
  node.importEntry.push(b.importEntry);
}

// --- Chromium -------------------------------------------------------------------------------
const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
const page = `<!doctype html><meta charset="utf-8"><title>start-up</title><script type="module">
  import init from "/pkg/index.js";
  window.bench = async (mode) => {
    if (mode === "bytes") {
      const bytes = await (await fetch("/pkg/itcare_postgresql_bg.wasm")).arrayBuffer();
      const t0 = performance.now();
      await init({ module_or_path: bytes });
      return performance.now() - t0;
    }
    const t0 = performance.now();
    await init();
    return performance.now() - t0;
  };
  window.ready = true;
</script>`;
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" }).end(page);
    return;
  }
  const file = url.pathname.startsWith("/pkg/") ? join(pkg, url.pathname.slice(5)) : "";
  if (!file.startsWith(pkg) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" }).end(readFileSync(file));
});
await new Promise((r) => server.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${server.address().port}`;

const { chromium } = createRequire(join(tools, "noop.js"))("playwright-core");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_BIN || "/usr/bin/chromium",
  args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const chrome = { bytes: [], url: [] };
const chromiumVersion = browser.version();
try {
  for (let i = 0; i < N; i++) {
    for (const mode of ["bytes", "url"]) {
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(origin + "/");
      await p.waitForFunction(() => window.ready === true);
      chrome[mode].push(await p.evaluate((m) => window.bench(m), mode));
      await context.close();
    }
  }
} finally {
  await browser.close();
  server.close();
}

const summary = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length });
console.log(
  JSON.stringify({
    node: Object.fromEntries(Object.entries(node).map(([k, v]) => [k, summary(v)])),
    chromium: { version: chromiumVersion, compileInstantiate: summary(chrome.bytes), initFromUrl: summary(chrome.url) },
  }),
);
