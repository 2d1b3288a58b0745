// Connection, instance list, open by id, French, empty state, host-page token, error banner.
import { test, before, after } from 'node:test';
import {
  assert, launch, openPage, signIn, audit, shot, resetSim, setFaults, sim, unexpectedErrors, expectSettle, settled, BASE,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); await resetSim(true); });
after(async () => { await setFaults({}); await browser?.close(); });

test('connection view: base URL, dev sign-in, pasted token, never a client secret', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  await page.locator('h1', { hasText: 'Connect to ITCare' }).waitFor();
  assert.equal(await page.locator('#base-url').inputValue(), `${BASE}/itcare`);
  // T3: nothing asks for a client id or secret.
  assert.equal(await page.locator('input[name*="secret" i], input[id*="secret" i], input[id*="client" i]').count(), 0);
  await audit(page, 'connection');
  await shot(page, 'connect');

  // An empty pasted token is refused with a message.
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.locator('[role="alert"]', { hasText: 'Paste a token first.' }).waitFor();

  await page.locator('#sim-sign-in').click();
  await page.locator('h1', { hasText: 'PostgreSQL instances' }).waitFor();
  await page.locator('.conn-on').waitFor();
  // The token is in memory only: nothing in web storage or the URL looks like it.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
  const token = (await sim('/_sim/dev-token')).access_token;
  assert.ok(!stored.includes(token.slice(0, 12)));
  assert.doesNotMatch(stored, /access_token|bearer/i);
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('a pasted bearer token works; a refused one shows an error with sign-in link', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  await page.locator('#token').fill('not-a-valid-token');
  await page.getByRole('button', { name: 'Use this token' }).click();
  const banner = page.locator('.banner-error', { hasText: 'refused or has expired' });
  await banner.waitFor();
  assert.equal(await banner.getByRole('link', { name: 'Sign in again' }).count(), 1);

  await page.goto(`${BASE}/#/connect`);
  const { access_token: token } = await sim('/_sim/dev-token');
  await page.locator('#token').fill(`Bearer ${token}`);
  await page.getByRole('button', { name: 'Use this token' }).click();
  await page.locator('tbody tr').first().waitFor();
  assert.deepEqual(unexpectedErrors(log, [401]), []);
  await page.context().close();
});

test('a script of the page can hand the token over (itcare:token event); postMessage is off by default', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  await page.locator('#sim-sign-in').waitFor();
  const { access_token: token } = await sim('/_sim/dev-token');
  await page.evaluate((tk) => window.dispatchEvent(new CustomEvent('itcare:token', { detail: { token: tk } })), token);
  await page.locator('tbody tr').first().waitFor();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();

  // postMessage is taken only from origins the deployer lists (none here; see walkthrough item 8).
  const second = await openPage(browser);
  await second.page.goto(`${BASE}/`);
  await second.page.locator('#sim-sign-in').waitFor();
  await expectSettle(second.page);
  await second.page.evaluate((tk) => {
    window.postMessage({ type: 'itcare:token', token: tk }, location.origin);
    window.postMessage('itcare-test:settled', location.origin);
  }, token);
  await settled(second.page);
  assert.equal(await second.page.locator('.conn-on').count(), 0);
  assert.deepEqual(unexpectedErrors(second.log), []);
  await second.page.context().close();
});

test('instance list: status badges, open by id, detail, axe', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 4);
  const active = page.locator('tbody tr', { hasText: 'billingqa01' }).locator('.badge');
  assert.equal(await active.textContent(), 'Active');
  assert.match(await active.getAttribute('class'), /badge-ok/);
  assert.match(await page.locator('tbody tr', { hasText: 'legacyapp01' }).locator('.badge').getAttribute('class'), /badge-muted/);
  assert.match(await page.locator('.pager-info').textContent(), /Page 1 of 1 · 4 instances/);
  await audit(page, 'instances');
  await shot(page, 'instances');

  await page.locator('#open-id').fill('500061856');
  await page.locator('#open-id').press('Enter');
  await page.locator('h1', { hasText: 'datalab01' }).waitFor();
  assert.match(page.url(), /#\/instances\/500061856/);

  // An unknown id gives a not-found state, not a crash.
  await page.goto(`${BASE}/#/instances/4242`);
  await page.locator('.empty', { hasText: 'Instance 4242 was not found.' }).waitFor();
  assert.deepEqual(unexpectedErrors(log, [404]), []);
  await page.context().close();
});

test('keyboard only: focus follows navigation, links and tabs work from the keyboard', async () => {
  const { page } = await openPage(browser);
  await signIn(page);
  await page.locator('tbody tr').first().waitFor();
  // Each view moves focus to its heading (screen readers announce the new page).
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  let name = '';
  for (let i = 0; i < 30 && name !== 'billingqa01'; i += 1) {
    await page.keyboard.press('Tab');
    name = await page.evaluate(() => document.activeElement.textContent);
  }
  assert.equal(name, 'billingqa01');
  await page.keyboard.press('Enter');
  await page.locator('h1', { hasText: 'billingqa01' }).waitFor();
  await page.locator('#tab-overview').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#tab-backups').getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-backups');
  await page.locator('#tab-panel table').waitFor();
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-actions');
  await page.context().close();
});

test('French: chrome, form labels, help and validation messages switch language', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  await page.getByRole('button', { name: 'FR', exact: true }).click();
  await page.locator('h1', { hasText: 'Instances PostgreSQL' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'fr');
  assert.equal(await page.locator('thead th').first().textContent(), 'Nom');
  await page.getByRole('link', { name: 'Nouvelle instance' }).first().click();
  await page.locator('h1', { hasText: 'Nouvelle instance PostgreSQL' }).waitFor();
  assert.equal(await page.getByLabel('Nom de l\'instance').count(), 1);
  assert.match(await page.locator('.field[data-name="name"] .help').textContent(), /lettres minuscules/);
  await page.getByLabel('Nom de l\'instance').fill('ab');
  await page.getByLabel('Nom de l\'instance').press('Tab');
  const err = page.locator('.field[data-name="name"] .field-error');
  await err.waitFor();
  assert.match(await err.textContent(), /[àéèç]|caractères|doit/);
  await page.locator('select[data-field="topology"]').selectOption('HA');
  assert.equal(await page.getByLabel('Préfixe des noms de nœuds').isVisible(), true);
  await audit(page, 'create (fr)');
  await shot(page, 'create-fr');
  // Dialogs too: their text comes from describeOperationForm(op, 'fr').
  await page.goto(`${BASE}/#/instances/500061854`);
  await page.locator('.toolbar [data-op="stop"]', { hasText: 'Arrêter' }).click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('h2', { hasText: "Arrêter l'instance" }).waitFor();
  assert.match(await dialog.textContent(), /les clients sont déconnectés/);
  await audit(page, 'stop dialog (fr)');
  await dialog.getByRole('button', { name: 'Annuler' }).click();
  // The language survives a reload (stored), the token does not.
  await page.reload();
  await page.locator('h1', { hasText: 'Connexion à ITCare' }).waitFor();
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await page.locator('h1', { hasText: 'Connect to ITCare' }).waitFor();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('error banner with retry, then empty state', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  await page.locator('tbody tr').first().waitFor();
  // Every list call fails (the client's retries included) until the faults are cleared.
  await setFaults({ next: [{ kind: '500', count: 50, method: 'GET', pathPrefix: '/itcare/databases/postgresql' }] });
  await page.getByRole('button', { name: 'Refresh' }).click();
  const banner = page.locator('.banner-error');
  await banner.waitFor({ timeout: 30000 });
  assert.match(await banner.textContent(), /The API failed to handle the request \(HTTP 500\)|could not be reached/);
  await audit(page, 'error banner');
  await shot(page, 'error-banner');
  await setFaults({});
  await resetSim(false);
  await banner.getByRole('button', { name: 'Retry' }).click();
  await page.locator('.empty', { hasText: 'No PostgreSQL instance yet' }).waitFor();
  await audit(page, 'empty list');
  await shot(page, 'instances-empty');
  await resetSim(true);
  assert.deepEqual(unexpectedErrors(log, [500]), []);
  await page.context().close();
});
