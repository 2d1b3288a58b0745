// Shared helpers of the portal's end-to-end tests: Playwright (playwright-core from tools/)
// driving Debian's Chromium against the simulator that scripts/test-e2e.sh started.

import { createRequire } from 'node:module';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const require = createRequire(import.meta.url);
const tools = fileURLToPath(new URL('../../tools/node_modules/', import.meta.url));
const { chromium } = require(`${tools}playwright-core`);
const AXE_SOURCE = readFileSync(`${tools}axe-core/axe.min.js`, 'utf8');
// Committed screenshots are refreshed on request (UPDATE_SCREENSHOTS=1); ordinary runs write to the
// git-ignored screenshots-tmp/ so a test run does not dirty the working tree.
const SHOTS = fileURLToPath(new URL(process.env.UPDATE_SCREENSHOTS === '1' ? './screenshots/' : './screenshots-tmp/', import.meta.url));

export const BASE = process.env.ITCARE_E2E_BASE;
if (!BASE) throw new Error('ITCARE_E2E_BASE is not set: run scripts/test-e2e.sh');

export async function launch({ args = [] } = {}) {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...args],
  });
}

/**
 * A fresh page with collectors: console errors, page errors (uncaught exceptions) and native
 * dialogs (alert/confirm — an XSS payload would open one). Every dialog is dismissed.
 */
export async function openPage(browser, { viewport = { width: 1280, height: 860 }, locale = 'en-GB' } = {}) {
  const context = await browser.newContext({ viewport, locale });
  const page = await context.newPage();
  const log = { errors: [], dialogs: [], requests: [] };
  page.on('console', (m) => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', (e) => log.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('request', (r) => log.requests.push(r.url()));
  return { context, page, log };
}

/** Console errors other than the browser's own log lines for HTTP answers we provoked. */
export function unexpectedErrors(log, allowedStatuses = []) {
  return log.errors.filter((e) => !allowedStatuses.some((s) => e.includes(`status of ${s}`)));
}

export async function sim(path, { method = 'POST', body } = {}) {
  const res = await fetch(`${BASE}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.headers.get('content-type')?.includes('json') ? res.json() : res.text();
}

export const resetSim = (seed = true) => sim('/_sim/reset', { body: { seed } });
export const setFaults = (faults) => sim('/_sim/faults', { method: 'PUT', body: faults });

/** Opens the portal and signs in with the simulator's one-click dev sign-in. */
export async function signIn(page, hash = '') {
  await page.goto(`${BASE}/${hash}`);
  await page.locator('#sim-sign-in').click();
  await page.locator('.conn-on').waitFor();
}

/** Runs axe-core; fails on any serious or critical violation. */
export async function audit(page, name) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(
    bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${name}`,
  );
  return result.violations;
}

/** Saves a screenshot of the page as NAME.png (see SHOTS). */
export async function shot(page, name, { fullPage = true } = {}) {
  mkdirSync(SHOTS, { recursive: true });
  // Transitions and animations are finished by Playwright itself (no fixed wait).
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage, animations: 'disabled' });
}

/**
 * Prepares the portal's window (PORTAL: a page or a frame showing it) so that `settled(PORTAL)`
 * resolves only once every message posted to it before the `itcare-test:settled` marker has been
 * handled. Messages are dispatched in order, one task each, and the SDK is loaded first, so a
 * handler that accepted a message would have nothing left to wait for: a negative check ("this
 * message was ignored") needs no fixed wait.
 */
export async function expectSettle(portal) {
  await portal.evaluate(async () => {
    await import('/pkg/index.js').then((sdk) => sdk.default());
    window.__itcareSettled = new Promise((resolve) => {
      window.addEventListener('message', (e) => { if (e.data === 'itcare-test:settled') resolve(); });
    });
  });
}

/** Waits for the marker of expectSettle, posted by the caller after its own messages. */
export async function settled(portal) {
  await portal.evaluate(() => window.__itcareSettled);
}

/** The input of a described field (by its JSON path). */
export function field(page, name) {
  return page.locator(`[data-field="${name}"]`);
}

/** The error text shown for a field. */
export function fieldError(page, name) {
  return page.locator(`.field[data-name="${name}"] .field-error`);
}

export { assert };

/** Runs axe-core; fails on any violation, whatever its impact (the DBA views of issue 22). */
export async function auditAll(page, name) {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(
    result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe on ${name}`,
  );
}
