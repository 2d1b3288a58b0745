// What back-to-back calls leave on the Node heap: N `getPostgresql` answered by a canned `fetch`
// (no I/O, so the event loop never turns between calls), heap measured after a forced GC before
// and after. A figure, not a test (tests/node/fetch-host.test.mjs asserts a bound over 20,000).
//
//   node --expose-gc bench/heap.mjs [package dir (default pkg)] [calls (default 100000)]
//
// Prints a Markdown section (scripts/bench.sh appends it to BENCHMARKS.md). Before the fetch host
// stopped putting a signal on the Request (src/wasm/fetch.js), 100,000 calls took heapUsed from
// 8.5 to 192.3 MB (1,927 B per call), released only once the event loop turned.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

if (typeof globalThis.gc !== "function") {
  console.error("bench/heap.mjs: run with node --expose-gc");
  process.exit(2);
}
const dir = resolve(process.argv[2] ?? "pkg");
const N = Number(process.argv[3] ?? 100_000);
const { ItcareClient, initSync } = await import(pathToFileURL(`${dir}/inline.js`).href);
const wasm = initSync();
const body = JSON.stringify({ id: 1, name: "pg01", status: "RUNNING" });
const fetch = async () => new Response(body, { status: 200, headers: { "content-type": "application/json" } });
const client = new ItcareClient({ baseUrl: "https://api.example.test/itcare", token: "tok", fetch });
for (let i = 0; i < 1000; i++) await client.getPostgresql(1);
gc();
const m0 = process.memoryUsage();
const w0 = wasm.memory.buffer.byteLength;
for (let i = 0; i < N; i++) await client.getPostgresql(1);
gc();
const m1 = process.memoryUsage();
const MB = (x) => (x / 2 ** 20).toFixed(1);
const perCall = (m1.heapUsed - m0.heapUsed) / N;
console.log(`## Node heap over back-to-back calls (bench/heap.mjs)

${N.toLocaleString("en")} \`getPostgresql\` against a canned \`fetch\` (Node ${process.version}): heapUsed ${MB(m0.heapUsed)} -> ${MB(m1.heapUsed)} MB (${MB(m1.heapUsed - m0.heapUsed)} MB, ${perCall.toFixed(0)} B per call), RSS ${MB(m0.rss)} -> ${MB(m1.rss)} MB, wasm memory ${MB(w0)} -> ${MB(wasm.memory.buffer.byteLength)} MB. Target: < 10 MB of heap growth.`);
