// The twelve findings of the new-user walkthrough (issue 13), one test each, named after the
// item: what a person using a cloud console expects, in English and French where text matters,
// with axe (no serious or critical violation) on every view and dialog the test opens.
import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import {
  assert, launch, openPage, signIn, audit, shot, resetSim, setFaults, sim, field, fieldError, unexpectedErrors, expectSettle, settled, BASE,
} from './helpers.mjs';

const A = 500061854; // billingqa01: PG16, STANDALONE, ACTIVE, one node, service 123, network 132
const D = 500061856; // datalab01: PG14, STANDALONE, ACTIVE (can move to 15 and 16)
const L = 500061857; // legacyapp01: PG11, STOPPED

let browser;
before(async () => { browser = await launch(); await resetSim(true); });
after(async () => {
  await setFaults({}).catch(() => {});
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } }).catch(() => {});
  await browser?.close();
});

/** Calls the API directly (as another tool or a colleague would), with a fresh dev token. */
async function api(path, { method = 'GET', body, type = 'application/json' } = {}) {
  const { access_token: token } = await sim('/_sim/dev-token');
  const res = await fetch(`${BASE}/itcare${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

async function openDetail(page, id, name) {
  await page.goto(`${BASE}/#/instances/${id}`);
  await page.locator('h1', { hasText: name }).waitFor();
}

async function openDialog(page, op) {
  await page.locator(`.toolbar [data-op="${op}"]`).click();
  const dialog = page.locator(`dialog[open][data-operation="${op}"]`);
  await dialog.waitFor();
  await page.locator('dialog[open] .loading').waitFor({ state: 'detached' }).catch(() => {});
  return dialog;
}

const submitOf = (dialog) => dialog.locator('.dialog-foot button[type="submit"]');

test('1. the create form offers choices and defaults, and speaks up only once a field is left', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page, '#/create');
  await page.locator('h1', { hasText: 'New PostgreSQL instance' }).waitFor();
  // Known facts are choices, with sensible defaults; nothing grey pretends to be a value.
  assert.equal(await page.locator('[data-field][placeholder]').count(), 0);
  assert.equal(await field(page, 'productCode').inputValue(), 'deb12pg16');
  assert.match(await page.locator('select[data-field="productCode"] option:checked').textContent(), /PostgreSQL 16 on Debian 12/);
  assert.equal(await field(page, 'area').inputValue(), 'EB-QA');
  assert.equal(await field(page, 'nodeSizing').inputValue(), '2cpu4gb');
  assert.equal(await field(page, 'diskSize').inputValue(), '40');
  assert.equal(await field(page, 'allowedReplicationLag').inputValue(), '10');
  // Services and networks of the user's own instances, by name (networks of the chosen area).
  const service = page.locator('select[data-field="serviceId"]');
  await service.locator('option', { hasText: 'Billing QA (#123)' }).waitFor({ state: 'attached' });
  const networks = () => page.locator('select[data-field="networkId"] option').allTextContents();
  await page.waitForFunction(() => document.querySelector('select[data-field="networkId"] option[value="132"]'));
  assert.ok((await networks()).some((o) => o.includes('Databases QA (Boulogne)')));
  assert.ok(!(await networks()).some((o) => o.includes('#201')), 'EB-PROD network hidden for EB-QA');
  await field(page, 'area').selectOption('EB-PROD');
  await page.waitForFunction(() => document.querySelector('select[data-field="networkId"] option[value="201"]'));
  await field(page, 'area').selectOption('EB-QA');
  // HA: the zones of the area, its default zone chosen.
  await field(page, 'topology').selectOption('HA');
  assert.equal(await field(page, 'az').inputValue(), 'EB4-QA');
  await field(page, 'topology').selectOption('STANDALONE');
  await audit(page, 'create form with choices');

  // No message while typing a first value; one as soon as the field is left.
  await field(page, 'name').pressSequentially('New');
  assert.equal(await fieldError(page, 'name').isVisible(), false);
  await field(page, 'name').press('Tab');
  assert.match(await fieldError(page, 'name').textContent(), /lowercase/i);
  // Once shown, the message follows the typing and goes when the value is right.
  await field(page, 'name').fill('wtcreate01');
  assert.equal(await fieldError(page, 'name').isVisible(), false);
  // A typed id is still possible.
  await service.selectOption('__other__');
  const other = page.locator('[data-other-of="serviceId"]');
  assert.equal(await other.isVisible(), true);
  await other.fill('789');
  await field(page, 'trigram').fill('wtc');
  await field(page, 'admPassword').fill('Test123@2022');
  await field(page, 'networkId').selectOption('132');
  await shot(page, 'create-choices');
  await page.getByRole('button', { name: 'Create instance' }).click();
  await page.locator('.action-card', { hasText: 'Create wtcreate01' }).waitFor();
  const created = await api('/databases/postgresql?name=wtcreate01');
  assert.equal(created.body.content[0].serviceId, 789);

  // French: the same choices, labelled in French.
  const fr = await openPage(browser, { locale: 'fr-FR' });
  await signIn(fr.page, '#/create');
  await fr.page.locator('.field[data-name="productCode"] > label', { hasText: 'Version de PostgreSQL' }).waitFor();
  assert.match(await fr.page.locator('select[data-field="productCode"] option:checked').textContent(), /PostgreSQL 16 sur Debian 12/);
  assert.ok((await fr.page.locator('select[data-field="serviceId"] option').allTextContents()).includes('Autre (saisir une valeur)…'));
  await audit(fr.page, 'create form (fr)');
  await fr.page.context().close();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('2. confirmation matches the risk: name for restore and delete, version for upgrade, a tick for stop', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  await openDetail(page, A, 'billingqa01');
  // Restore overwrites the data: the name is typed.
  let dialog = await openDialog(page, 'restore');
  const typed = dialog.locator('input[data-confirm="typeName"]');
  assert.equal(await typed.count(), 1);
  assert.match(await dialog.textContent(), /overwritten/);
  await audit(page, 'restore dialog');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Stop: a plain acknowledgement.
  dialog = await openDialog(page, 'stop');
  assert.equal(await dialog.locator('input[data-confirm="acknowledge"]').count(), 1);
  assert.equal(await submitOf(dialog).isDisabled(), true);
  await dialog.locator('input[data-confirm="acknowledge"]').check();
  assert.equal(await submitOf(dialog).isDisabled(), false);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  // Delete: the name.
  dialog = await openDialog(page, 'delete');
  await dialog.locator('input[data-confirm="typeName"]').fill('billingqa0');
  assert.equal(await submitOf(dialog).isDisabled(), true);
  await dialog.locator('input[data-confirm="typeName"]').fill('billingqa01');
  assert.equal(await submitOf(dialog).isDisabled(), false);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Upgrade: the box names the chosen version, and a tick for one version does not carry over.
  await openDetail(page, D, 'datalab01');
  dialog = await openDialog(page, 'upgrade');
  const box = dialog.locator('input[data-confirm="targetVersion"]');
  assert.equal(await box.isDisabled(), true);
  await field(page, 'options.targetVersion').selectOption('16');
  assert.match(await dialog.locator('.confirm label').textContent(), /upgrade to PostgreSQL 16/);
  await box.check();
  assert.equal(await submitOf(dialog).isDisabled(), false);
  await field(page, 'options.targetVersion').selectOption('15');
  assert.match(await dialog.locator('.confirm label').textContent(), /PostgreSQL 15/);
  assert.equal(await box.isChecked(), false);
  assert.equal(await submitOf(dialog).isDisabled(), true);
  await audit(page, 'upgrade dialog');
  await shot(page, 'dialog-upgrade');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('3. operations are offered only in the states that allow them, and not while an action runs', async () => {
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 2500 } });
  const { page, log } = await openPage(browser);
  await signIn(page);
  await openDetail(page, A, 'billingqa01');
  const op = (name) => page.locator(`.toolbar [data-op="${name}"]`);
  // ACTIVE PG16: no start, no upgrade (nothing newer); the reasons are on the page.
  assert.equal(await op('start').getAttribute('aria-disabled'), 'true');
  assert.equal(await op('upgrade').getAttribute('aria-disabled'), 'true');
  assert.equal(await op('stop').getAttribute('aria-disabled'), null);
  const why = page.locator('#op-reasons');
  assert.match(await why.textContent(), /Only a stopped instance can be started/);
  assert.match(await why.textContent(), /No newer version/);
  await op('start').dispatchEvent('click');
  assert.equal(await page.locator('dialog[open]').count(), 0, 'an unavailable operation opens nothing');
  await audit(page, 'detail with unavailable operations');

  // Stop it: the badge says what runs and nothing else can start meanwhile.
  const dialog = await openDialog(page, 'stop');
  await dialog.locator('input[data-confirm="acknowledge"]').check();
  await submitOf(dialog).click();
  await page.locator('.detail-title .badge', { hasText: 'Stopping' }).waitFor();
  for (const name of ['stop', 'resize', 'restore', 'delete', 'update_patch_party']) {
    assert.equal(await op(name).getAttribute('aria-disabled'), 'true', `${name} disabled while stopping`);
  }
  assert.match(await page.locator('#busy-note').textContent(), /An action is running on this instance \(Stop instance — billingqa01\)/);
  await shot(page, 'detail-busy', { fullPage: false });
  await page.locator('.detail-title .badge', { hasText: 'Stopped' }).waitFor({ timeout: 20000 });
  assert.equal(await op('start').getAttribute('aria-disabled'), null);
  assert.equal(await op('stop').getAttribute('aria-disabled'), 'true');

  // An action started elsewhere (another tool) also blocks the operations, with its name.
  const started = await api(`/databases/postgresql/${A}`, { method: 'PATCH', body: { operation: 'start' } });
  assert.equal(started.status, 202);
  await openDetail(page, L, 'legacyapp01');
  await openDetail(page, A, 'billingqa01');
  await page.locator('#busy-note', { hasText: 'Start instance' }).waitFor();
  assert.equal(await page.locator('.detail-title .badge').textContent(), 'Starting');

  // In French too.
  const fr = await openPage(browser, { locale: 'fr-FR' });
  await signIn(fr.page);
  await openDetail(fr.page, L, 'legacyapp01');
  assert.match(await fr.page.locator('#op-reasons').textContent(), /Seule une instance en fonctionnement \(ACTIVE\) peut être arrêtée/);
  await fr.page.context().close();
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } });
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('4. refusals are explained in the user\'s language, on their field: 403 service, 409 name, 400 field', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page, '#/create');
  const fill = async (name, service) => {
    await field(page, 'name').fill(name);
    await field(page, 'trigram').fill('tri');
    await field(page, 'admPassword').fill('Test123@2022');
    await page.waitForFunction(() => document.querySelector('select[data-field="networkId"] option[value="132"]'));
    await field(page, 'networkId').selectOption('132');
    await field(page, 'serviceId').selectOption('__other__');
    await page.locator('[data-other-of="serviceId"]').fill(String(service));
    await page.getByRole('button', { name: 'Create instance' }).click();
  };
  // 403: a service this token may not use; not "sign in again".
  await fill('wtforbidden01', 999);
  await fieldError(page, 'serviceId').waitFor();
  assert.match(await fieldError(page, 'serviceId').textContent(), /may not create instances in this service \(HTTP 403\)/);
  assert.doesNotMatch(await page.locator('main').textContent(), /Sign in again|expired/);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.otherOf), 'serviceId');
  await audit(page, 'create refused 403');
  // 409: the name is taken.
  await fill('billingqa01', 123);
  await page.locator('.field[data-name="name"] .field-error', { hasText: 'already exists' }).waitFor();
  await shot(page, 'create-name-taken');
  // 400 T6 naming a field: on that field, the localized code first, then the API's own words
  // marked as such (tests/e2e/dba.test.mjs, point 4).
  await field(page, 'networkId').selectOption('__other__');
  await page.locator('[data-other-of="networkId"]').fill('999');
  await field(page, 'name').fill('wtbadnet01');
  await page.getByRole('button', { name: 'Create instance' }).click();
  await page.locator('.field[data-name="networkId"] .field-error', { hasText: 'The API refused this value (INVALID_FIELD_VALUE). The API said: “Error on field' }).waitFor();
  // French.
  const fr = await openPage(browser, { locale: 'fr-FR' });
  await signIn(fr.page, '#/create');
  await field(fr.page, 'name').fill('billingqa01');
  await field(fr.page, 'trigram').fill('tri');
  await field(fr.page, 'admPassword').fill('Test123@2022');
  await fr.page.waitForFunction(() => document.querySelector('select[data-field="serviceId"] option[value="123"]'));
  await field(fr.page, 'serviceId').selectOption('123');
  await fr.page.waitForFunction(() => document.querySelector('select[data-field="networkId"] option[value="132"]'));
  await field(fr.page, 'networkId').selectOption('132');
  await fr.page.getByRole('button', { name: 'Créer l\'instance' }).click();
  await fr.page.locator('.field[data-name="name"] .field-error', { hasText: 'Une instance porte déjà ce nom (HTTP 409)' }).waitFor();
  await fr.page.context().close();
  assert.deepEqual(unexpectedErrors(log, [400, 403, 409]), []);
  await page.context().close();
});

// The client resolves an ambiguous create by looking (issue 10a: its types then name the
// `outcome_unknown` error). Until the package has it, this test is reported as "todo": it runs,
// and its failure does not fail the suite.
const CLIENT_LOOKS = ['itcare_postgresql.d.ts', 'index.d.ts']
  .some((f) => { try { return readFileSync(new URL(`../../pkg/${f}`, import.meta.url), 'utf8').includes('outcome_unknown'); } catch { return false; } });
test('5. a create the server failed to confirm is found and followed, not lost', { todo: CLIENT_LOOKS ? false : 'the client does not resolve ambiguous outcomes yet (issue 10a)' }, async () => {
  const { page, log } = await openPage(browser);
  await signIn(page, '#/create');
  // The server creates the instance, then answers 500 (T5): the outcome is ambiguous.
  await setFaults({ next: [{ kind: '500After', method: 'POST', pathPrefix: '/itcare/databases/postgresql' }] });
  await field(page, 'name').fill('wtlost01');
  await field(page, 'trigram').fill('tri');
  await field(page, 'admPassword').fill('Test123@2022');
  await page.waitForFunction(() => document.querySelector('select[data-field="serviceId"] option[value="123"]'));
  await field(page, 'serviceId').selectOption('123');
  await page.waitForFunction(() => document.querySelector('select[data-field="networkId"] option[value="132"]'));
  await field(page, 'networkId').selectOption('132');
  await page.getByRole('button', { name: 'Create instance' }).click();
  // The portal (through the client) looks before giving up: the creation is followed to its end.
  await page.locator('.toast', { hasText: 'Create wtlost01: done.' }).waitFor({ timeout: 20000 });
  const row = page.locator('tbody tr', { hasText: 'wtlost01' });
  await row.locator('.badge', { hasText: 'Active' }).waitFor();
  // Exactly one instance of that name (no blind retry, no 409).
  const found = await api('/databases/postgresql?name=wtlost01');
  assert.equal(found.body.content.length, 1);
  await setFaults({});
  assert.deepEqual(unexpectedErrors(log, [500]), []);
  await page.context().close();
});

test('6. an outage is shown honestly: connection state, unknown action status, errors kept until dismissed', async () => {
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 4000 } });
  const { page, log } = await openPage(browser);
  await signIn(page);
  await openDetail(page, D, 'datalab01');
  const dialog = await openDialog(page, 'resize');
  await field(page, 'options.sizing').selectOption('4cpu8gb');
  await dialog.locator('input[data-confirm="acknowledge"]').check();
  await submitOf(dialog).click();
  const card = page.locator('.action-card', { hasText: 'Resize instance — datalab01' });
  await card.waitFor();
  // The API goes away: the header and the card say so (not "Connected", not "In progress").
  await page.route('**/itcare/**', (route) => route.abort('connectionrefused'));
  await page.locator('#conn.conn-down', { hasText: 'unreachable' }).waitFor({ timeout: 15000 });
  await card.locator('.action-lost-note', { hasText: 'Connection lost' }).waitFor();
  assert.equal(await card.locator('.action-elapsed').isVisible(), false);
  await audit(page, 'outage');
  await shot(page, 'outage', { fullPage: false });
  // It comes back: the header turns green again and the action is followed to its end.
  await page.unroute('**/itcare/**');
  await page.locator('#conn.conn-on').waitFor({ timeout: 15000 });
  await page.locator('.toast', { hasText: 'Resize instance — datalab01: done.' }).waitFor({ timeout: 20000 });

  // A failure stays on screen until dismissed (good news goes by itself).
  await page.clock.install();
  await sim('/_sim/faults', { method: 'PUT', body: { failNextActions: 1 } });
  await page.reload();
  await page.locator('#sim-sign-in').click();
  await openDetail(page, D, 'datalab01');
  const again = await openDialog(page, 'resize');
  await field(page, 'options.sizing').selectOption('2cpu4gb');
  await again.locator('input[data-confirm="acknowledge"]').check();
  await submitOf(again).click();
  const failed = page.locator('.toast-error', { hasText: 'failed' });
  await failed.waitFor({ timeout: 20000 });
  await page.clock.fastForward(20000);
  assert.equal(await failed.isVisible(), true);
  assert.equal(await page.locator('.toast-success', { hasText: 'Signed in.' }).count(), 0);
  await failed.getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await failed.count(), 0);
  await setFaults({});
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } });
  assert.deepEqual(unexpectedErrors(log).filter((e) => !/ERR_CONNECTION_REFUSED|Failed to fetch/.test(e)), []);
  await page.context().close();
});

test('7. the facts needed to connect are shown and copyable, the console link is labelled', async () => {
  const { context, page, log } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  await signIn(page);
  await openDetail(page, A, 'billingqa01');
  const card = page.locator('.connect-card');
  await card.waitFor();
  const nodes = (await api(`/databases/postgresql/${A}/nodes`)).body;
  const ip = nodes[0].ipAddress;
  assert.match(await card.textContent(), new RegExp(ip.replaceAll('.', '\\.')));
  assert.match(await card.textContent(), /5432/);
  // The command's full form (user, sslmode) is checked by tests/e2e/dba.test.mjs, point 1.
  const command = `psql "host=${ip} port=5432 dbname=postgres user=USER sslmode=require"`;
  assert.equal(await card.locator('.copy-value', { hasText: command }).count(), 1);
  await card.getByRole('button', { name: 'Copy psql command' }).click();
  await card.locator('.copy-status', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), command);
  // The "Address" that was a web-console link now says what it is.
  const link = page.getByRole('link', { name: 'Open in the ITCare console' });
  assert.match(await link.getAttribute('href'), /^https:\/\/itcare\.cegedim\.cloud\//);
  assert.equal(await page.locator('.fact dt', { hasText: 'ITCare web console' }).count(), 1);
  await audit(page, 'connection facts');
  await shot(page, 'detail-connect');
  // French.
  await page.locator('.lang-button[lang="fr"]').click();
  await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Ouvrir dans la console ITCare' }).count(), 1);
  assert.deepEqual(unexpectedErrors(log), []);
  await context.close();
});

test('8. a token handed over by postMessage is taken only from listed origins, and never moves the base URL', async (t) => {
  const HOST = BASE.replace('127.0.0.1', 'localhost'); // another origin, same simulator
  const { access_token: token } = await sim('/_sim/dev-token');
  const hostPage = `<!doctype html><title>host</title><iframe id="p" src="${BASE}/" width="900" height="600"></iframe>`;
  // The host page is served by a route (no address): Chromium's local-network checks would
  // block its frame to 127.0.0.1, so this browser runs without them.
  const lnaBrowser = await launch({ args: ['--disable-features=LocalNetworkAccessChecks,BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights'] });
  t.after(() => lnaBrowser.close()); // also when an assertion fails: an open browser keeps the run alive
  // The simulator forbids framing by default (frame-ancestors 'none', X-Frame-Options); a deployer
  // who embeds the portal allows it for the host. Both cases below are such a deployment.
  const allowFraming = (page, addMeta) => page.route(`${BASE}/`, async (r) => {
    const res = await r.fetch();
    const headers = { ...res.headers() };
    delete headers['x-frame-options'];
    delete headers['content-security-policy'];
    let html = await res.text();
    if (addMeta) html = html.replace('<head>', `<head>\n  <meta name="itcare-allowed-origins" content="${HOST}">`);
    await r.fulfill({ status: res.status(), headers, body: html });
  });
  const postFromHost = (page) => page.evaluate(([tk]) => document.getElementById('p').contentWindow.postMessage(
    { type: 'itcare:token', token: tk, baseUrl: 'https://attacker.invalid/itcare' }, '*'), [token]);

  // Default: no origin is listed, so a framing page cannot sign the portal in.
  {
    const { page } = await openPage(lnaBrowser);
    await page.route(`${HOST}/host.html`, (r) => r.fulfill({ contentType: 'text/html', body: hostPage }));
    await allowFraming(page, false);
    await page.goto(`${HOST}/host.html`);
    const portal = page.frameLocator('#p');
    await portal.locator('#sim-sign-in').waitFor();
    assert.match(await portal.locator('#host-help').textContent(), /off/);
    const frame = page.frames().find((f) => f.url().startsWith(BASE));
    await expectSettle(frame);
    await postFromHost(page);
    await page.evaluate(() => document.getElementById('p').contentWindow.postMessage('itcare-test:settled', '*'));
    await settled(frame); // the token message has been handled (ignored) by now
    assert.equal(await portal.locator('.conn-on').count(), 0);
    assert.equal(await frame.evaluate(() => localStorage.getItem('itcare.baseUrl')), null);
    await page.context().close();
  }
  // The deployer lists the host's origin: the token is taken, the base URL in the message is not.
  {
    const { page } = await openPage(lnaBrowser);
    await page.route(`${HOST}/host.html`, (r) => r.fulfill({ contentType: 'text/html', body: hostPage }));
    await allowFraming(page, true);
    await page.goto(`${HOST}/host.html`);
    const portal = page.frameLocator('#p');
    await portal.locator('#sim-sign-in').waitFor();
    assert.match(await portal.locator('#host-help').textContent(), new RegExp(HOST.replaceAll('.', '\\.')));
    await postFromHost(page);
    await portal.locator('.conn-on', { hasText: `Connected to ${new URL(BASE).host}` }).waitFor();
    await portal.locator('tbody tr').first().waitFor();
    const frame = page.frames().find((f) => f.url().startsWith(BASE));
    assert.equal(await frame.evaluate(() => localStorage.getItem('itcare.baseUrl')), null);
    await page.context().close();
  }
  // The page says the token is in memory only; after a reload, signing in again is one click and
  // returns to the page the person was on.
  {
    const { page, log } = await openPage(browser);
    await signIn(page);
    await openDetail(page, A, 'billingqa01');
    await page.reload();
    await page.locator('#token-memory', { hasText: 'memory only' }).waitFor();
    await audit(page, 'connection after reload');
    await page.locator('#sim-sign-in').click();
    await page.locator('h1', { hasText: 'billingqa01' }).waitFor();
    assert.deepEqual(unexpectedErrors(log), []);
    await page.context().close();
  }
});

test('9. the list can be searched, filtered and sorted, refreshes by itself and reads on a phone', async () => {
  const { page, log } = await openPage(browser);
  await page.clock.install();
  await signIn(page);
  const rows = page.locator('tbody tr');
  await rows.first().waitFor();
  const names = async () => (await page.locator('tbody tr th').allTextContents()).map((s) => s.replace(/^Name/, ''));
  await page.locator('#list-search').fill('billing');
  assert.deepEqual(await names(), ['billingprd01', 'billingqa01']);
  assert.match(await page.locator('.pager-info').textContent(), /2 of \d+ instances/);
  await page.locator('#list-search').fill('');
  await page.locator('#list-status').selectOption('STOPPED');
  assert.deepEqual(await names(), ['legacyapp01']);
  assert.match(page.url(), /status=STOPPED/);
  await page.locator('#list-status').selectOption('');
  await page.locator('#list-sort').selectOption('id');
  const byId = await names();
  assert.equal(byId[0], 'billingqa01');
  await audit(page, 'list with filters');
  await page.locator('#list-search').fill('nothing-like-this');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.ok((await rows.count()) >= 4);

  // A change made elsewhere shows up without touching anything.
  const created = await api('/databases/postgresql', {
    method: 'POST',
    type: 'application/vnd.cegedim-it.v1+json',
    body: {
      name: 'wtelsewhere01', trigram: 'tri', serviceId: 123, area: 'EB-QA', productCode: 'deb12pg16', networkId: 132,
      nodeSizing: '2cpu4gb', diskSize: 40, allowedReplicationLag: 10, topology: 'STANDALONE', admPassword: 'Test123@2022',
    },
  });
  assert.equal(created.status, 202);
  await page.clock.fastForward(16000);
  await page.locator('tbody tr', { hasText: 'wtelsewhere01' }).waitFor();
  assert.match(await page.locator('.list-stamp').textContent(), /Updated .* every 15 s/);

  // On a phone each row is a card: nothing is cut off sideways.
  await page.setViewportSize({ width: 375, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  const statusCell = page.locator('tbody tr').first().locator('td').nth(1);
  assert.equal(await statusCell.evaluate((el) => getComputedStyle(el, '::before').content), '"Status"');
  assert.ok(await statusCell.isVisible());
  await audit(page, 'list on a phone');
  await shot(page, 'instances-phone-cards');
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('10. the patch-party dialog opens with the current setting', async () => {
  const excluded = await api(`/databases/postgresql/${D}`, {
    method: 'PATCH',
    body: { operation: 'update_patch_party', options: { patchParty: { excluded: true, exclusionReason: 'quarter close' } } },
  });
  assert.equal(excluded.status, 202);
  const { page, log } = await openPage(browser);
  await signIn(page);
  await openDetail(page, D, 'datalab01');
  const dialog = await openDialog(page, 'update_patch_party');
  assert.equal(await field(page, 'options.patchParty.excluded').isChecked(), true);
  assert.equal(await field(page, 'options.patchParty.exclusionReason').inputValue(), 'quarter close');
  assert.equal(await field(page, 'options.patchParty.patchGroup').inputValue(), '1');
  await audit(page, 'patch party dialog');
  // Saving without a change keeps it excluded.
  await submitOf(dialog).click();
  await page.locator('.toast', { hasText: 'done' }).waitFor({ timeout: 20000 });
  const after = (await api(`/databases/postgresql/${D}`)).body;
  assert.equal(after.patchParty.excluded, true);
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('11. French covers statuses, action names and error details', async () => {
  const { page, log } = await openPage(browser, { locale: 'fr-FR' });
  await signIn(page);
  await page.locator('h1', { hasText: 'Instances PostgreSQL' }).waitFor();
  // The rows come after the heading: read the badges once the list is there.
  await page.locator('.list-body[aria-busy="false"] tbody tr').first().waitFor();
  const badges = await page.locator('tbody .badge').allTextContents();
  assert.ok(badges.includes('Active') && badges.includes('Arrêtée'), badges.join());
  assert.ok(!badges.includes('STOPPED') && !badges.includes('ACTIVE'));
  // Action names in the history (an action started elsewhere, so there is one).
  assert.equal((await api(`/databases/postgresql/${L}`, { method: 'PATCH', body: { operation: 'start' } })).status, 202);
  await page.goto(`${BASE}/#/instances/${L}?tab=actions`);
  await page.locator('#tab-panel tbody tr').first().waitFor();
  const history = await page.locator('#tab-panel').textContent();
  assert.match(history, /Démarrer l'instance/);
  assert.doesNotMatch(history, /postgresql\.(stop|start|create)/);
  // An error from the API: what happened and what to do, in French, no English detail.
  await setFaults({ next: [{ kind: '500', method: 'GET', pathPrefix: `/itcare/databases/postgresql/${L}`, count: 60 }] });
  await page.goto(`${BASE}/#/instances/${L}`);
  const banner = page.locator('.banner-error');
  await banner.waitFor({ timeout: 20000 });
  const text = await banner.textContent();
  assert.match(text, /L’API n’a pas pu traiter la requête \(HTTP 500\)/);
  assert.doesNotMatch(text, /the API|failed|error/i);
  await setFaults({});
  await audit(page, 'error in French');
  await shot(page, 'error-fr');
  assert.deepEqual(unexpectedErrors(log, [500]), []);
  await page.context().close();
});

test('12. a fixed error leaves the restore dialog, the focus ring has 3:1 contrast, the first load is light', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  await page.locator('body[data-ready="true"]').waitFor();
  // The create form and the detail are fetched after the first page is usable.
  const order = await page.evaluate(() => {
    const ready = performance.getEntriesByName('itcare:ready')[0]?.startTime ?? Infinity;
    const create = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/views/create.js'));
    return { ready, create: create?.startTime ?? null };
  });
  assert.ok(order.ready !== Infinity, 'ready mark');
  assert.ok(order.create === null || order.create > order.ready, JSON.stringify(order));

  // Focus ring: a solid outline of at least 3:1 against the page.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), color: s.outlineColor };
  });
  assert.equal(ring.style, 'solid');
  assert.ok(ring.width >= 2, JSON.stringify(ring));
  const lum = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a, b) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
  const onDark = await page.evaluate(() => Boolean(document.activeElement.closest('.topbar')));
  const against = onDark ? 'rgb(15, 27, 51)' : 'rgb(244, 246, 250)';
  assert.ok(contrast(ring.color, against) >= 3, `focus ring ${ring.color} on ${against}`);

  // Restore: errors shown on submit go as soon as each is fixed.
  await page.locator('#sim-sign-in').click();
  await page.locator('.conn-on').waitFor();
  await openDetail(page, A, 'billingqa01');
  const dialog = await openDialog(page, 'restore');
  await dialog.locator('input[data-confirm="typeName"]').fill('billingqa01');
  await submitOf(dialog).click();
  const summary = dialog.locator('.summary');
  await summary.waitFor();
  assert.match(await summary.textContent(), /Source instance/);
  // The instance itself: a point-in-time restore (D is PG14, not a source for this PG16 instance).
  await page.waitForFunction((a) => document.querySelector(`dialog[open] select[data-field="options.sourceId"] option[value="${a}"]`), A);
  await field(page, 'options.sourceId').selectOption(String(A));
  assert.doesNotMatch(await summary.textContent(), /Source instance/);
  const when = await page.evaluate(() => {
    const d = new Date(Date.now() - 3600 * 1000);
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  });
  await field(page, 'options.timestamp').fill(when);
  assert.equal(await summary.count(), 0, 'summary gone once everything is fixed');
  assert.equal(await dialog.locator('.field-error:visible').count(), 0);
  await audit(page, 'restore dialog fixed');
  await shot(page, 'dialog-restore');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});
