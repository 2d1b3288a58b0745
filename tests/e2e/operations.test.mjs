// Instance detail tabs and every operation dialog end to end (O1–O7 and delete), each validated
// with the operation rules and the instance as context; a reload during an action resumes it.
import { test, before, after } from 'node:test';
import {
  assert, launch, openPage, signIn, audit, shot, resetSim, sim, field, fieldError, unexpectedErrors, BASE,
} from './helpers.mjs';

const A = 500061854; // billingqa01: PG16, STANDALONE, ACTIVE, one node
const P = 500061855; // billingprd01: PG15, HA
const D = 500061856; // datalab01: PG14, STANDALONE
const L = 500061857; // legacyapp01: PG11, STOPPED

let browser;
let page;
let log;
before(async () => {
  browser = await launch();
  await resetSim(true);
  ({ page, log } = await openPage(browser));
  await signIn(page);
});
after(async () => {
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } }).catch(() => {});
  await browser?.close();
});

async function openDetail(id, name) {
  await page.goto(`${BASE}/#/instances/${id}`);
  await page.locator('h1', { hasText: name }).waitFor();
}

async function openDialog(op) {
  await page.locator(`.toolbar [data-op="${op}"]`).click();
  const dialog = page.locator(`dialog[open][data-operation="${op}"]`);
  await dialog.waitFor();
  await page.locator('dialog[open] .loading').waitFor({ state: 'detached' }).catch(() => {});
  await audit(page, `${op} dialog`);
  return dialog;
}

/** Submits the dialog, checks it closes and the progress card runs to its end. */
async function submitAndFollow(dialog, label) {
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  await dialog.waitFor({ state: 'detached' });
  const card = page.locator('.action-card', { hasText: label });
  await page.locator('.toast', { hasText: `${label}: done.` }).waitFor({ timeout: 20000 });
  await card.waitFor({ state: 'detached' });
}

async function badgeText() {
  return page.locator('.detail-title .badge').textContent();
}

test('detail: every tab renders, axe on each', async () => {
  await openDetail(A, 'billingqa01');
  await audit(page, 'detail overview');
  await shot(page, 'detail');
  const checks = {
    backups: async () => assert.ok(await page.locator('#tab-panel .backup-window').count() === 1),
    nodes: async () => assert.ok(await page.locator('#tab-panel tbody tr').count() >= 1),
    databases: async () => assert.ok(await page.locator('#tab-panel tbody tr').count() >= 1),
    extensions: async () => assert.ok(await page.locator('#tab-panel tbody tr').count() >= 1),
    networks: async () => assert.ok(await page.locator('#tab-panel tbody tr').count() >= 1),
    versions: async () => assert.ok(await page.locator('#tab-panel .version-list li, #tab-panel .empty').count() >= 1),
    actions: async () => assert.ok(await page.locator('#tab-panel tbody tr, #tab-panel .empty').count() >= 1),
  };
  for (const [tab, check] of Object.entries(checks)) {
    await page.locator(`#tab-${tab}`).click();
    await page.locator('#tab-panel[aria-busy="false"]').waitFor();
    await check();
    await audit(page, `detail ${tab}`);
    if (tab === 'databases') await shot(page, 'detail-databases');
  }
  // The selected tab is in the URL, so it survives a reload and can be linked.
  assert.match(page.url(), /tab=actions/);
});

test('stop (confirmed) then start, history lists both', async () => {
  await openDetail(A, 'billingqa01');
  const opener = page.locator('.toolbar [data-op="stop"]');
  let dialog = await openDialog('stop');
  // Focus moved into the modal dialog; Escape closes it and gives focus back to the opener.
  assert.ok(await page.evaluate(() => document.querySelector('dialog[open]').contains(document.activeElement)));
  // O1: Start brings it back, so no "cannot be undone"; the tick says what a stop does.
  assert.match(await dialog.textContent(), /clients are disconnected until you start it again/);
  const submit = dialog.locator('.dialog-foot button[type="submit"]');
  assert.equal(await submit.isDisabled(), true);
  await audit(page, 'stop dialog');
  await shot(page, 'dialog-stop', { fullPage: false });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await opener.evaluate((el) => el === document.activeElement), true);

  dialog = await openDialog('stop');
  await dialog.getByLabel('I understand that clients are disconnected until the instance is started again.').check();
  assert.equal(await submit.isDisabled(), false);
  await submitAndFollow(dialog, 'Stop instance — billingqa01');
  await page.locator('.detail-title .badge', { hasText: 'Stopped' }).waitFor();

  dialog = await openDialog('start');
  await submitAndFollow(dialog, 'Start instance — billingqa01');
  await page.locator('.detail-title .badge', { hasText: 'Active' }).waitFor();

  await page.locator('#tab-actions').click();
  await page.locator('#tab-panel tbody tr').first().waitFor();
  const rows = await page.locator('#tab-panel tbody').textContent();
  assert.match(rows, /stop/i);
  assert.match(rows, /start/i);
});

test('resize: sizing checked with C2/O2, confirmed, applied', async () => {
  await openDetail(A, 'billingqa01');
  const dialog = await openDialog('resize');
  // A sizing out of the list is typed ("Other…") and checked with C2 once the field is left.
  await field(page, 'options.sizing').selectOption('__other__');
  const other = page.locator('[data-other-of="options.sizing"]');
  await other.fill('huge');
  await other.press('Tab');
  assert.equal(await other.getAttribute('aria-invalid'), 'true');
  assert.ok((await fieldError(page, 'options.sizing').textContent()).length > 0);
  await field(page, 'options.sizing').selectOption('4cpu8gb');
  assert.equal(await field(page, 'options.sizing').getAttribute('aria-invalid'), null);
  assert.equal(await fieldError(page, 'options.sizing').isVisible(), false);
  await dialog.getByLabel('I understand this cannot be undone.').check();
  await submitAndFollow(dialog, 'Resize instance — billingqa01');
  await page.locator('.detail-meta', { hasText: '4cpu8gb' }).waitFor();
});

test('patch party: reason appears and is required when excluded; patch group only for one node', async () => {
  await openDetail(P, 'billingprd01');
  let dialog = await openDialog('update_patch_party');
  assert.equal(await field(page, 'options.patchParty.patchGroup').isVisible(), false, 'HA: no patch group (O5)');
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await openDetail(D, 'datalab01');
  dialog = await openDialog('update_patch_party');
  assert.equal(await field(page, 'options.patchParty.patchGroup').isVisible(), true);
  assert.equal(await field(page, 'options.patchParty.exclusionReason').isVisible(), false);
  await field(page, 'options.patchParty.excluded').check();
  assert.equal(await field(page, 'options.patchParty.exclusionReason').isVisible(), true);
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  assert.equal(await field(page, 'options.patchParty.exclusionReason').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.field), 'options.patchParty.exclusionReason');
  await field(page, 'options.patchParty.exclusionReason').fill('Handled by the data team');
  await submitAndFollow(dialog, 'Patch party — datalab01');
  await page.locator('.fact', { hasText: 'excluded (Handled by the data team)' }).waitFor();
});

test('install extensions: refused below PG 15 (P4); database picker + multi-select on PG 16', async () => {
  // PG 14: not offered, and the page says why (P4, from the operation rules).
  await openDetail(D, 'datalab01');
  assert.equal(await page.locator('.toolbar [data-op="install_extension"]').getAttribute('aria-disabled'), 'true');
  assert.match(await page.locator('#reason-install_extension').textContent(), /15/);

  await openDetail(A, 'billingqa01');
  const dialog = await openDialog('install_extension');
  const db = field(page, 'options.dbname');
  await db.locator('option:not([value=""])').first().waitFor({ state: 'attached' });
  const dbName = await db.locator('option:not([value=""])').first().getAttribute('value');
  await db.selectOption(dbName);
  const list = field(page, 'options.extensions_list');
  const boxes = list.getByRole('checkbox');
  await boxes.first().waitFor();
  // Nothing picked: the list is required (O6) and reported on the group.
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  assert.equal(await list.getAttribute('aria-invalid'), 'true');
  const names = await boxes.evaluateAll((os) => os.slice(0, 2).map((o) => o.value));
  for (const n of names) await list.getByRole('checkbox', { name: new RegExp(`^${n} `) }).check();
  assert.equal(await list.getAttribute('aria-invalid'), null);
  await audit(page, 'install dialog');
  await shot(page, 'dialog-install', { fullPage: false });
  await submitAndFollow(dialog, 'Install extensions — billingqa01');
  await page.locator('#tab-databases').click();
  const row = page.locator('#tab-panel tbody tr', { hasText: dbName });
  for (const n of names) await row.locator('.chip', { hasText: n }).first().waitFor();
});

test('enable HA: refused for an HA instance (O4), lag checked, applied on a standalone one', async () => {
  // Already HA: not offered, with the O4 reason.
  await openDetail(P, 'billingprd01');
  assert.equal(await page.locator('.toolbar [data-op="enable_ha"]').getAttribute('aria-disabled'), 'true');
  assert.match(await page.locator('#reason-enable_ha').textContent(), /STANDALONE/);

  await openDetail(A, 'billingqa01');
  const dialog = await openDialog('enable_ha');
  assert.equal(await field(page, 'options.replicationLag').inputValue(), '50');
  await field(page, 'options.replicationLag').fill('600');
  await field(page, 'options.replicationLag').press('Tab');
  assert.match(await fieldError(page, 'options.replicationLag').textContent(), /500/);
  await field(page, 'options.replicationLag').fill('50');
  await field(page, 'options.changeReference').fill('RFC 1234');
  await submitAndFollow(dialog, 'Enable high availability — billingqa01');
  await page.locator('.detail-meta', { hasText: 'High availability' }).waitFor();
});

test('upgrade: versions from /versions, preselected from the versions tab', async () => {
  await openDetail(D, 'datalab01');
  await page.locator('#tab-versions').click();
  const button = page.locator('#tab-panel .version-list button').last();
  await button.waitFor();
  const target = (await button.textContent()).match(/\d+/)[0];
  await button.click();
  const dialog = page.locator('dialog[open][data-operation="upgrade"]');
  await dialog.waitFor();
  const select = field(page, 'options.targetVersion');
  await page.waitForFunction((v) => document.querySelector('[data-field="options.targetVersion"]').value === v, target);
  const offered = await select.locator('option:not([value=""])').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(offered.includes(target));
  // A major upgrade cannot be rolled back: the confirmation names the version.
  const confirm = dialog.locator('input[data-confirm="targetVersion"]');
  assert.match(await dialog.locator('.confirm label').textContent(), new RegExp(`PostgreSQL ${target}`));
  await confirm.check();
  await submitAndFollow(dialog, 'Upgrade PostgreSQL — datalab01');
  await page.locator('.detail-meta', { hasText: `PostgreSQL ${target}` }).waitFor();
});

test('restore: source picker, BEFORE/AFTER, date-time limited to the allowed window (O3)', async () => {
  await openDetail(A, 'billingqa01');
  const dialog = await openDialog('restore');
  const source = field(page, 'options.sourceId');
  await source.locator(`option[value="${D}"]`).waitFor({ state: 'attached' });
  // The instance itself comes first (a point-in-time restore), then the sources the rules accept
  // (D was upgraded to 16 above; P is PG15, L is STOPPED: not offered).
  assert.deepEqual(await source.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean)), [String(A), String(D)]);
  await source.selectOption(String(D));
  const stops = await field(page, 'options.stop').locator('option').evaluateAll((os) => os.map((o) => o.value));
  assert.deepEqual(stops, ['BEFORE', 'AFTER']);
  await field(page, 'options.stop').selectOption('AFTER');
  const ts = field(page, 'options.timestamp');
  assert.equal(await ts.getAttribute('type'), 'datetime-local');
  const [min, max] = [await ts.getAttribute('min'), await ts.getAttribute('max')];
  // Non-production service: a 7-day window ending now.
  const days = (new Date(max) - new Date(min)) / 86400000;
  assert.ok(Math.abs(days - 7) < 0.01, `window of ${days} days`);
  assert.match(await page.locator('.field[data-name="options.timestamp"] .window').textContent(), /^Allowed: /);
  const local = (d) => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
  await ts.fill(local(new Date(Date.now() - 30 * 86400000)));
  await ts.evaluate((el) => el.blur()); // errors show once the field is left
  assert.equal(await ts.getAttribute('aria-invalid'), 'true');
  await ts.fill(local(new Date(Date.now() - 3600000)));
  assert.equal(await ts.getAttribute('aria-invalid'), null);
  await audit(page, 'restore dialog');
  // It overwrites the instance's data: the name is typed to confirm.
  const submit = dialog.locator('.dialog-foot button[type="submit"]');
  assert.equal(await submit.isDisabled(), true);
  await dialog.locator('input[data-confirm="typeName"]').fill('billingqa01');
  await shot(page, 'dialog-restore-window', { fullPage: false });
  await submitAndFollow(dialog, 'Restore instance — billingqa01');
});

test('delete: type the name to confirm', async () => {
  await openDetail(L, 'legacyapp01');
  const dialog = await openDialog('delete');
  const submit = dialog.locator('.dialog-foot button[type="submit"]');
  const confirm = dialog.locator('input[data-confirm="typeName"]');
  await confirm.fill('legacyapp');
  assert.equal(await submit.isDisabled(), true);
  await confirm.fill('legacyapp01');
  assert.equal(await submit.isDisabled(), false);
  await audit(page, 'delete dialog');
  await shot(page, 'dialog-delete', { fullPage: false });
  await submitAndFollow(dialog, 'Delete instance — legacyapp01');
  await page.goto(`${BASE}/#/instances`);
  await page.locator('tbody tr').first().waitFor();
  const rows = page.locator('tbody tr', { hasText: 'legacyapp01' });
  assert.ok((await rows.count()) === 0 || /DELETED/.test(await rows.textContent()));
});

test('a reload during an action resumes its progress (ids in localStorage, never the token)', async () => {
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 7000 } });
  await openDetail(D, 'datalab01');
  const dialog = await openDialog('stop');
  await dialog.getByLabel('I understand that clients are disconnected until the instance is started again.').check();
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  const label = 'Stop instance — datalab01';
  await page.locator('.action-card', { hasText: label }).waitFor();
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('itcare.runningActions')));
  assert.equal(stored.length, 1);
  assert.equal(stored[0].label, label);

  await page.reload();
  await page.locator('#sim-sign-in').click();
  const card = page.locator('.action-card', { hasText: label });
  await card.waitFor();
  assert.match(await card.textContent(), /Resumed after reload/);
  assert.equal(await card.locator('progress').count(), 1);
  await shot(page, 'action-resumed', { fullPage: false });
  await page.locator('.toast', { hasText: `${label}: done.` }).waitFor({ timeout: 20000 });
  await page.locator('.detail-title .badge', { hasText: 'Stopped' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('itcare.runningActions')), '[]');
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } });
  assert.deepEqual(unexpectedErrors(log), []);
});
