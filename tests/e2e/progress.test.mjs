// Action progress edge cases: an action ending in ERROR, "stop waiting", pagination of a longer
// list, and the layout on a phone-sized screen.
import { test, before, after } from 'node:test';
import {
  assert, launch, openPage, signIn, audit, shot, resetSim, setFaults, sim, unexpectedErrors, BASE,
} from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); await resetSim(true); });
after(async () => {
  await setFaults({});
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } }).catch(() => {});
  await browser?.close();
});

async function stopDatalab(page) {
  await page.goto(`${BASE}/#/instances/500061856`);
  await page.locator('h1', { hasText: 'datalab01' }).waitFor();
  await page.locator('.toolbar [data-op="stop"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.getByLabel('I understand that clients are disconnected until the instance is started again.').check();
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  await dialog.waitFor({ state: 'detached' });
}

test('an action that ends in ERROR is reported with its message', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  await setFaults({ failNextActions: 1 });
  await stopDatalab(page);
  const toast = page.locator('.toast-error', { hasText: 'Stop instance — datalab01: failed' });
  await toast.waitFor({ timeout: 20000 });
  assert.equal(await page.locator('.action-card').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('itcare.runningActions')), '[]');
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('stop waiting: the card goes, the id is forgotten, the action keeps running', async () => {
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 6000 } });
  const { page, log } = await openPage(browser);
  // The page's clock is Playwright's: it runs on its own, and the elapsed time is moved on below
  // instead of waited for.
  await page.clock.install();
  await signIn(page);
  await page.goto(`${BASE}/#/instances/500061854`);
  await page.locator('h1', { hasText: 'billingqa01' }).waitFor();
  await page.locator('.toolbar [data-op="stop"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.getByLabel('I understand that clients are disconnected until the instance is started again.').check();
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  const card = page.locator('.action-card', { hasText: 'Stop instance — billingqa01' });
  await card.waitFor();
  // The live status from the waiter and a progress bar with an accessible name.
  assert.equal(await card.locator('progress').getAttribute('aria-label'), 'Stop instance — billingqa01');
  await card.locator('.badge', { hasText: 'In progress' }).waitFor();
  await page.clock.fastForward(1100);
  await card.locator('.action-elapsed', { hasText: /Elapsed 0:0[1-9]/ }).waitFor();
  await card.getByRole('button', { name: 'Stop waiting' }).click();
  await card.waitFor({ state: 'detached' });
  await page.locator('.toast', { hasText: 'the action continues on the server' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('itcare.runningActions')), '[]');
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } });
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('a longer list is paginated', async () => {
  await resetSim(true);
  const { access_token: token } = await sim('/_sim/dev-token');
  for (let i = 0; i < 8; i += 1) {
    const res = await fetch(`${BASE}/itcare/databases/postgresql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/vnd.cegedim-it.v1+json' },
      body: JSON.stringify({
        area: 'EB-QA', productCode: 'deb12pg16', name: `pagedinstance${i}`, nodeSizing: '2cpu4gb', diskSize: 40,
        admPassword: 'Test123@2022', serviceId: 123, networkId: 132, topology: 'STANDALONE', trigram: 'pag', allowedReplicationLag: 10,
      }),
    });
    assert.equal(res.status, 202);
  }
  const { page, log } = await openPage(browser);
  await signIn(page);
  await page.locator('tbody tr').first().waitFor();
  assert.equal(await page.locator('tbody tr').count(), 10);
  assert.match(await page.locator('.pager-info').textContent(), /Page 1 of 2 · 12 instances/);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.locator('.pager-info', { hasText: 'Page 2 of 2' }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 2);
  assert.equal(await page.getByRole('button', { name: 'Next' }).isDisabled(), true);
  await page.getByRole('button', { name: 'Previous' }).click();
  await page.locator('.pager-info', { hasText: 'Page 1 of 2' }).waitFor();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('phone-sized screen: no horizontal page scroll, axe clean', async () => {
  const { page } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page);
  await page.locator('tbody tr').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page scrolls sideways by ${overflow}px`);
  await audit(page, 'list (phone)');
  await shot(page, 'instances-phone', { fullPage: false });
  await page.goto(`${BASE}/#/create`);
  await page.locator('h1', { hasText: 'New PostgreSQL instance' }).waitFor();
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0);
  await shot(page, 'create-phone', { fullPage: false });
  await page.context().close();
});

test('an expired simulator token is renewed through the token provider', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  await page.locator('tbody tr').first().waitFor();
  await sim('/_sim/expire-tokens');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await page.locator('.list-body[aria-busy="false"] tbody tr').first().waitFor();
  assert.equal(await page.locator('.banner-error').count(), 0);
  assert.deepEqual(unexpectedErrors(log, [401]), []);
  await page.context().close();
});

test('an operation the instance state refuses (422) gets a plain-language error', async () => {
  await resetSim(true);
  const { page, log } = await openPage(browser);
  await signIn(page);
  // legacyapp01 is STOPPED: Start is offered. Someone else starts it meanwhile.
  await page.goto(`${BASE}/#/instances/500061857`);
  await page.locator('.detail-title .badge', { hasText: 'Stopped' }).waitFor();
  const { access_token: token } = await sim('/_sim/dev-token');
  const call = (method, body) => fetch(`${BASE}/itcare/databases/postgresql/500061857`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  assert.equal((await call('PATCH', { operation: 'start' })).status, 202);
  await sim('/_sim/finish-actions');
  assert.equal((await (await call('GET')).json()).status, 'ACTIVE');
  // The page still offers Start (it has not refreshed): the API refuses it with 422.
  await page.locator('.toolbar [data-op="start"]').click();
  const dialog = page.locator('dialog[open]');
  await dialog.locator('.dialog-foot button[type="submit"]').click();
  await dialog.locator('.banner-error', { hasText: 'current state does not allow this operation' }).waitFor();
  // The dialog stays open for another try or Cancel.
  assert.equal(await dialog.isVisible(), true);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(unexpectedErrors(log, [422]), []);
  await page.context().close();
});
