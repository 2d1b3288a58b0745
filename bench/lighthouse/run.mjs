// Lighthouse (mobile preset, simulated slow 4G) on the portal's signed-out and signed-in pages,
// plus two figures Lighthouse does not give directly, measured with the same slow 4G applied by
// DevTools (latency 562.5 ms, 1.47 Mbit/s down, 675 kbit/s up, CPU 4x slower):
//   - first usable form: from navigation start until the page can be used (the connection form
//     is drawn and the SDK is loaded: body[data-ready]), and from the sign-in click until the
//     create form shows its fields;
//   - first-load weight: bytes on the wire and number of files of the signed-out page.
// Debian's Chromium only (CHROME_PATH, default /usr/bin/chromium). Prints a Markdown section and
// writes it with the raw figures as JSON. Figures only: nothing here passes or fails on a value.
//
//   node bench/lighthouse/run.mjs --base http://127.0.0.1:PORT [--out section.md] [--json out.json]

import { writeFileSync } from 'node:fs';
import puppeteer from 'puppeteer-core';
import { startFlow } from 'lighthouse';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const BASE = args.base;
if (!BASE) throw new Error('--base http://host:port is required');
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';

// Lighthouse's mobile slow 4G, as DevTools applies it (lighthouse/core/config/constants.js).
const SLOW_4G = { latency: 150 * 3.75, download: (1.6 * 1024 * 1024 * 0.9) / 8, upload: (750 * 1024 * 0.9) / 8 };
const CPU_SLOWDOWN = 4;

const browser = await puppeteer.launch({
  executablePath: CHROME,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run'],
});

const round = (x) => Math.round(x);
const score = (cat) => (cat?.score == null ? null : Math.round(cat.score * 100));

async function lighthouse() {
  const page = await browser.newPage();
  const flow = await startFlow(page, { name: 'ITCare PostgreSQL portal' });
  await flow.navigate(`${BASE}/`, { name: 'signed out (connection page)' });
  // A real navigation (new query string), then the one-click simulator sign-in: the signed-in
  // list is what Lighthouse then audits.
  await flow.navigate(async () => {
    await page.goto(`${BASE}/?lighthouse=1#/instances`);
    await page.waitForSelector('#sim-sign-in');
    await page.click('#sim-sign-in');
    await page.waitForSelector('tbody tr');
  }, { name: 'signed in (instance list)' });
  await flow.startTimespan({ name: 'create form' });
  await page.click('a[href="#/create"]');
  await page.waitForSelector('form .field');
  await flow.endTimespan();
  await flow.snapshot({ name: 'create form (snapshot)' });
  const result = await flow.createFlowResult();
  await page.close();
  return result.steps.map((s) => {
    const lhr = s.lhr;
    const c = lhr.categories;
    const a = lhr.audits;
    return {
      name: s.name,
      mode: lhr.gatherMode,
      performance: score(c.performance),
      accessibility: score(c.accessibility),
      bestPractices: score(c['best-practices']),
      fcpMs: a['first-contentful-paint']?.numericValue ?? null,
      lcpMs: a['largest-contentful-paint']?.numericValue ?? null,
      tbtMs: a['total-blocking-time']?.numericValue ?? null,
      cls: a['cumulative-layout-shift']?.numericValue ?? null,
      bytes: a['total-byte-weight']?.numericValue ?? null,
      failing: Object.values(a)
        .filter((x) => x.score !== null && x.score < 0.9 && x.scoreDisplayMode !== 'informative' && x.scoreDisplayMode !== 'notApplicable' && x.scoreDisplayMode !== 'manual')
        .map((x) => x.id),
    };
  });
}

/** The slow-4G timings of the first usable forms and the first-load weight. */
async function firstUsable() {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: SLOW_4G.latency, downloadThroughput: SLOW_4G.download, uploadThroughput: SLOW_4G.upload,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await page.setViewport({ width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  const files = new Map();
  cdp.on('Network.loadingFinished', (e) => files.set(e.requestId, e.encodedDataLength));
  const t0 = Date.now();
  const navigation = page.goto(`${BASE}/`, { waitUntil: 'load', timeout: 60000 });
  // Drawn: the connection form can be filled in (sign-in then waits for the SDK if needed).
  await page.waitForSelector('#sim-sign-in', { timeout: 60000 });
  const drawnMs = Date.now() - t0;
  // Ready: the SDK is loaded too, so the click signs in at once.
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
  const signedOutMs = Date.now() - t0;
  await navigation;
  const bytes = [...files.values()].reduce((a, b) => a + b, 0);
  const count = files.size;
  const t1 = Date.now();
  await page.click('#sim-sign-in');
  await page.waitForSelector('tbody tr', { timeout: 60000 });
  const listMs = Date.now() - t1;
  const t2 = Date.now();
  await page.click('a[href="#/create"]');
  await page.waitForSelector('form .field input', { timeout: 60000 });
  const createMs = Date.now() - t2;
  await context.close();
  return { drawnMs, signedOutMs, listMs, createMs, bytes, count };
}

let steps = null;
let steps_error = null;
try {
  steps = await lighthouse();
} catch (err) {
  steps_error = String(err?.stack ?? err);
}
const usable = await firstUsable();
await browser.close();

const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
const lines = [
  '## Portal: Lighthouse 12 (mobile preset, simulated slow 4G) and first usable form',
  '',
  'Measured by `make bench` (`bench/lighthouse/run.mjs`, Debian Chromium) against the simulator serving `www/` and `pkg/`.',
  '',
];
if (steps) {
  lines.push('| step | mode | performance | accessibility | best practices | FCP | LCP | TBT | CLS | bytes | audits below 0.9 |',
    '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const s of steps) {
    const ms = (x) => (x == null ? '—' : `${round(x)} ms`);
    lines.push(`| ${s.name} | ${s.mode} | ${s.performance ?? '—'} | ${s.accessibility ?? '—'} | ${s.bestPractices ?? '—'} | ${ms(s.fcpMs)} | ${ms(s.lcpMs)} | ${ms(s.tbtMs)} | ${s.cls == null ? '—' : s.cls.toFixed(3)} | ${s.bytes == null ? '—' : kb(s.bytes)} | ${s.failing.join(', ') || 'none'} |`);
  }
} else {
  lines.push(`Lighthouse could not run: \`${steps_error.split('\n')[0]}\``);
}
lines.push('',
  `First usable form on slow 4G applied by DevTools (each request ${SLOW_4G.latency} ms latency, CPU ${CPU_SLOWDOWN}x; `
  + `wall-clock from navigation, puppeteer overhead included): connection form drawn after **${usable.drawnMs} ms**, `
  + `SDK ready after ${usable.signedOutMs} ms; after the sign-in click the list shows in ${usable.listMs} ms and the create form in ${usable.createMs} ms. `
  + 'Lighthouse\'s own simulated slow 4G gives the first page\'s LCP in the table above.',
  `First-load weight (signed-out page, on the wire): **${kb(usable.bytes)} in ${usable.count} files**.`, '');
const md = lines.join('\n');
process.stdout.write(`${md}\n`);
if (args.out) writeFileSync(args.out, md);
if (args.json) writeFileSync(args.json, JSON.stringify({ steps, stepsError: steps_error, usable }, null, 2));
