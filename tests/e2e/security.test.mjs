// Hostile text from the API is shown as text and runs nothing; the CSP forbids inline scripts.
import { test, before, after } from 'node:test';
import {
  assert, launch, openPage, signIn, resetSim, setFaults, shot, unexpectedErrors, BASE,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); await resetSim(true); });
after(async () => { await setFaults({}); await resetSim(true); await browser?.close(); });

const PAYLOAD = '<img src=x onerror=alert(1)>';

async function noScriptRan(page, log) {
  assert.deepEqual(log.dialogs, [], 'no alert() ran');
  assert.equal(await page.locator('img[src="x"]').count(), 0, 'no <img> element was built from data');
  assert.equal(await page.locator('#app script').count(), 0, 'no <script> element was built from data');
  // No request for the payload's image either.
  assert.ok(!log.requests.some((u) => /\/x$/.test(u)), 'the payload image was never fetched');
}

test('hostile names and messages from the simulator are shown as text', async () => {
  await setFaults({ hostileText: true });
  const { page, log } = await openPage(browser);
  await signIn(page);
  const row = page.locator('tbody tr').first();
  await row.waitFor();
  // Shown literally, characters and all.
  assert.ok((await row.textContent()).includes(PAYLOAD), await row.textContent());
  assert.ok((await page.locator('tbody').textContent()).includes('<script>'));
  await shot(page, 'hostile-text');

  await row.locator('a').click();
  await page.locator('.detail-title h1').waitFor();
  assert.ok((await page.locator('.detail-title h1').textContent()).includes(PAYLOAD));
  for (const tab of ['backups', 'nodes', 'databases', 'extensions', 'networks', 'versions', 'actions']) {
    await page.locator(`#tab-${tab}`).click();
    await page.locator('#tab-panel[aria-busy="false"]').waitFor();
  }
  // An action's live message (from the API) goes through the progress card and the toast.
  await page.locator('.toolbar [data-op="update_patch_party"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  assert.ok((await dialog.locator('.dialog-subject').textContent()).includes(PAYLOAD));
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  await page.locator('.toast', { hasText: 'done.' }).waitFor({ timeout: 20000 });
  await page.locator('#tab-actions').click();
  await page.locator('#tab-panel tbody tr').first().waitFor();
  await noScriptRan(page, log);
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('the Content-Security-Policy blocks inline scripts and handlers', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  await page.locator('#sim-sign-in').waitFor();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(csp, /default-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const ran = await page.evaluate(async () => {
    const s = document.createElement('script');
    s.textContent = 'window.__inline = true';
    document.body.append(s);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__handler = true');
    // The error event's listeners run after the (refused) onerror attribute would have.
    const failed = new Promise((r) => img.addEventListener('error', r, { once: true }));
    img.src = 'data:,broken';
    document.body.append(img);
    await failed;
    return { inline: window.__inline === true, handler: window.__handler === true };
  });
  assert.deepEqual(ran, { inline: false, handler: false });
  // The only console errors are the CSP's own refusals.
  assert.ok(log.errors.every((e) => /Content Security Policy/.test(e)), log.errors.join('\n'));
  await page.context().close();
});

test('the form exports take odd input without throwing or trapping the wasm module', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  await page.locator('#sim-sign-in').waitFor();
  const out = await page.evaluate(async () => {
    const m = await import('/pkg/itcare_postgresql.js');
    await m.default();
    const create = (l) => m.describeCreateForm(l).fields[0].label;
    return {
      default: create(),
      fr: create('fr'),
      frTag: create({ locale: 'fr-FR' }),
      number: create(42),
      symbol: create(Symbol('x')),
      unknownOp: m.describeOperationForm('reboot') === undefined,
      nonStringOp: m.describeOperationForm({ toString() { throw new Error('boom'); } }) === undefined,
      nullOp: m.describeOperationForm(null) === undefined,
      // Still alive after all of that (a trap would poison every later call).
      after: m.describeOperationForm('stop', 'fr').title,
    };
  });
  assert.deepEqual(out, {
    default: 'Instance name',
    fr: "Nom de l'instance",
    frTag: "Nom de l'instance",
    number: 'Instance name',
    symbol: 'Instance name',
    unknownOp: true,
    nonStringOp: true,
    nullOp: true,
    after: "Arrêter l'instance",
  });
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});
