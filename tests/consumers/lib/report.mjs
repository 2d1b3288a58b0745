// Rows of the closing table of scripts/test-consumers.sh: which entry of the package a stack
// resolved to and how many bytes it ships (raw / gzip -9), appended to $CONSUMER_REPORT.
import { appendFileSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

export function sizeOf(files) {
  const bufs = [].concat(files).map((f) => readFileSync(f));
  const raw = bufs.reduce((n, b) => n + b.length, 0);
  const gzip = bufs.reduce((n, b) => n + gzipSync(b, { level: 9 }).length, 0);
  return { raw, gzip };
}

/** @param {string} stack @param {string} entry @param {string | string[]} files what the stack ships */
export function report(stack, entry, files) {
  const { raw, gzip } = sizeOf(files);
  if (process.env.CONSUMER_REPORT) appendFileSync(process.env.CONSUMER_REPORT, `${stack}\t${entry}\t${raw}\t${gzip}\n`);
  return { raw, gzip };
}
