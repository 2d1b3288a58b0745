// What a database administrator expects from a cloud console (issue 22), one test per numbered
// point of the issue, named after it: English and French where text matters, axe with no
// violation of any impact on every view and dialog a test opens.
import { test, before, after } from 'node:test';
import {
  assert, launch, openPage, signIn, auditAll, shot, resetSim, sim, field, fieldError, unexpectedErrors, BASE,
} from './helpers.mjs';

const A = 500061854; // billingqa01: PG16, STANDALONE, ACTIVE, QA, TLS on
const P = 500061855; // billingprd01: PG15, HA, ACTIVE, production

let browser;
before(async () => { browser = await launch(); await resetSim(true); });
after(async () => { await browser?.close(); });

/** Calls the API directly (as a colleague or another tool would) with a fresh dev token. */
async function api(path, { method = 'GET', body, type = 'application/json' } = {}) {
  const { access_token: token } = await sim('/_sim/dev-token');
  const res = await fetch(`${BASE}/itcare${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/** Runs `operation` on instance `id` through the API and finishes it at once. */
async function apiOperation(id, operation) {
  await api(`/databases/postgresql/${id}`, { method: 'PATCH', body: { operation } });
  await sim('/_sim/finish-actions');
}

const submitOf = (dialog) => dialog.locator('.dialog-foot button[type="submit"]');

async function openDetail(page, id, name) {
  await page.goto(`${BASE}/#/instances/${id}`);
  await page.locator('h1', { hasText: name }).waitFor();
}

test('1. Connect: cluster address, DNS host names, TLS, a URI and a psql command with sslmode and a user placeholder', async () => {
  const { context, page, log } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: BASE });
  await signIn(page);
  await openDetail(page, A, 'billingqa01');
  const inst = await api(`/databases/postgresql/${A}`);
  assert.equal(inst.tlsEnabled, true);
  const card = page.locator('.connect-card');
  await card.locator('.connect-uri').waitFor();
  const text = await card.textContent();
  // The cluster address and the DNS aliases as host names (alias + domain), not the domain alone.
  assert.match(text, new RegExp(`Cluster address\\s*${inst.ipAddress.replaceAll('.', '\\.')}`));
  const dns = inst.network.dns.map((d) => `${d.alias}.${d.domain}`);
  for (const name of dns) assert.equal(await card.locator('.copy-value', { hasText: name }).count(), 1, name);
  assert.match(text, /TLS\s*On/);
  const uri = `postgresql://USER@${inst.ipAddress}:5432/postgres?sslmode=require`;
  const psql = `psql "host=${inst.ipAddress} port=5432 dbname=postgres user=USER sslmode=require"`;
  assert.equal(await card.locator('.connect-uri .copy-value').textContent(), uri);
  assert.equal(await card.locator('.connect-psql .copy-value').textContent(), psql);
  assert.match(text, /Replace USER with your database user: the API does not return one\./);
  await card.getByRole('button', { name: 'Copy Connection URI' }).click();
  await card.locator('.connect-uri .copy-status', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), uri);
  await card.getByRole('button', { name: 'Copy psql command' }).click();
  await card.locator('.connect-psql .copy-status', { hasText: 'Copied' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), psql);

  // The SDK gives a JS user the same facts.
  const nodes = await api(`/databases/postgresql/${A}/nodes`);
  const facts = await page.evaluate(async ([i, n]) => {
    const sdk = await import('/pkg/index.js');
    await sdk.default();
    return sdk.connectionFacts(i, n);
  }, [inst, nodes]);
  assert.equal(facts.uri, uri);
  assert.equal(facts.psql, psql);
  assert.equal(facts.sslMode, 'require');
  assert.deepEqual(facts.dnsNames, dns);
  await auditAll(page, 'connect card');

  // French.
  await page.locator('.lang-button[lang="fr"]').click();
  await card.locator('h2', { hasText: 'Se connecter' }).waitFor();
  const fr = await page.locator('.connect-card').textContent();
  assert.match(fr, /Adresse du cluster/);
  assert.match(fr, /Remplacez USER par votre utilisateur de base de données : l’API n’en renvoie pas\./);
  assert.equal(await page.getByRole('button', { name: 'Copier URI de connexion' }).count(), 1);
  await auditAll(page, 'connect card (fr)');
  assert.deepEqual(unexpectedErrors(log), []);
  await context.close();
});

test('1. Connect (HA): each node with its zone, which one holds the cluster address, and no primary guessed', async () => {
  const { context, page, log } = await openPage(browser);
  await signIn(page);
  await openDetail(page, P, 'billingprd01');
  const inst = await api(`/databases/postgresql/${P}`);
  const nodes = await api(`/databases/postgresql/${P}/nodes`);
  assert.ok(nodes.length >= 2);
  const card = page.locator('.connect-card');
  await card.locator('.connect-uri').waitFor();
  const rows = card.locator('tbody tr');
  assert.equal(await rows.count(), nodes.length);
  for (const [k, n] of nodes.entries()) {
    const row = await rows.nth(k).textContent();
    assert.match(row, new RegExp(n.ipAddress.replaceAll('.', '\\.')));
    assert.equal(/Cluster address/.test(row), n.ipAddress === inst.ipAddress, row);
  }
  assert.match(await card.textContent(), /The API does not say which node is the primary: connect through the cluster address\./);
  await auditAll(page, 'connect card HA');
  await shot(page, 'detail-connect-ha');
  await page.locator('.lang-button[lang="fr"]').click();
  await card.locator('h2', { hasText: 'Se connecter' }).waitFor();
  assert.match(await page.locator('.connect-card').textContent(), /L’API ne dit pas quel nœud est le primaire : connectez-vous par l’adresse du cluster\./);
  assert.deepEqual(unexpectedErrors(log), []);
  await context.close();
});

test('2. Restore: only sources the rules accept, searchable, the instance itself; the window shown; a 422 explained, no Retry', async () => {
  // A second PostgreSQL 16 instance, backed up and ACTIVE: the one valid source besides A itself.
  await api('/databases/postgresql', {
    method: 'POST',
    type: 'application/vnd.cegedim-it.v1+json',
    body: {
      area: 'EB-QA', productCode: 'deb12pg16', name: 'restoresrc01', nodeSizing: '2cpu4gb', diskSize: 40,
      admPassword: 'Test123@2022', serviceId: 123, networkId: 132, topology: 'STANDALONE', trigram: 'res', allowedReplicationLag: 10,
    },
  });
  await sim('/_sim/finish-actions');
  const all = (await api('/databases/postgresql?size=100')).content;
  const S = all.find((i) => i.name === 'restoresrc01').id;
  const { context, page, log } = await openPage(browser);
  await signIn(page);

  for (const [locale, words] of [['en', {
    self: 'billingqa01 — this instance, to an earlier point in time',
    hidden: '3 other instances cannot be a source here (another major version, not active or not backed up).',
    search: 'Search sources',
    refused: 'The API refused the restore (HTTP 422): restoresrc01 is Stopped; a source must be Active.',
  }], ['fr', {
    self: 'billingqa01 — cette instance, à un instant antérieur',
    hidden: '3 autres instances ne peuvent pas être source ici (autre version majeure, pas active ou pas sauvegardée).',
    search: 'Rechercher une source',
    refused: 'L’API a refusé la restauration (HTTP 422) : restoresrc01 est Arrêtée ; une source doit être Active.',
  }]]) {
    await openDetail(page, A, 'billingqa01');
    if (locale === 'fr') {
      await page.locator('.lang-button[lang="fr"]').click();
      await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
    }
    await page.locator('.toolbar [data-op="restore"]').click();
    const dialog = page.locator('dialog[open][data-operation="restore"]');
    const source = dialog.locator('[data-field="options.sourceId"]');
    await source.locator(`option[value="${S}"]`).waitFor({ state: 'attached' });
    // Same major version, ACTIVE and backed up: A itself (point in time) and S; not P (PG15),
    // D (PG14) or L (PG11, STOPPED).
    const values = await source.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.deepEqual(values, [String(A), String(S)]);
    assert.equal(await source.locator(`option[value="${A}"]`).textContent(), words.self);
    assert.equal(await dialog.locator('.source-hidden').textContent(), words.hidden);
    // Searchable: the list narrows to what matches.
    const search = dialog.getByRole('searchbox', { name: words.search });
    await search.fill('SRC');
    assert.deepEqual(await source.locator('option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean)), [String(S)]);
    await search.fill('');
    assert.equal(await source.locator('option').evaluateAll((os) => os.filter((o) => o.value).length), 2);
    // The window is shown and checked before sending (O3, 7 days for a QA service).
    assert.match(await dialog.locator('.field[data-name="options.timestamp"] .window').textContent(), locale === 'en' ? /^Allowed: / : /^Autorisé/);
    await source.selectOption(String(S));
    const when = await page.evaluate(() => {
      const d = new Date(Date.now() - 3600 * 1000);
      const p = (n) => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
    });
    await dialog.locator('[data-field="options.timestamp"]').fill(when);
    await dialog.locator('input[data-confirm="typeName"]').fill('billingqa01');
    await auditAll(page, `restore dialog (${locale})`);
    if (locale === 'en') await shot(page, 'dialog-restore-sources', { fullPage: false });
    // Someone stops the source meanwhile: the API answers 422 (empty body, T5); the page says why.
    await apiOperation(S, 'stop');
    await submitOf(dialog).click();
    const banner = dialog.locator('.banner-error');
    await banner.waitFor();
    assert.equal((await banner.locator('p').first().textContent()).trim(), words.refused);
    assert.equal(await banner.getByRole('button').count(), 0, 'no Retry that can only fail again');
    await auditAll(page, `restore refused (${locale})`);
    await dialog.locator('.dialog-foot .button-ghost').click();
    await apiOperation(S, 'start');
  }
  assert.deepEqual(unexpectedErrors(log, [422]), []);
  await context.close();
});

test('3. Backups: the policy, the last backups and the restorable window they imply', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  const inst = await api(`/databases/postgresql/${A}`);
  const { backups, policies } = inst.backupPolicyDetails;
  assert.equal(policies[0].durationInHours, 7 * 24);
  const words = {
    en: {
      tab: 'Backups', policy: `${policies[0].label} (${policies[0].name})`, type: 'PITR (point in time)', retention: '7 days',
      schedule: 'Full daily at 02:00 (Europe/Paris), WAL continuous', window: /^Restorable window: from .+ to now\. /,
    },
    fr: {
      tab: 'Sauvegardes', policy: `${policies[0].label} (${policies[0].name})`, type: 'PITR (à un instant donné)', retention: '7 jours',
      schedule: 'Complète quotidienne à 02:00 (Europe/Paris), WAL en continu', window: /^Fenêtre de restauration : du .+ à maintenant\. /,
    },
  };
  for (const locale of ['en', 'fr']) {
    const w = words[locale];
    await page.goto(`${BASE}/#/instances/${A}?tab=backups`);
    await page.locator('h1', { hasText: 'billingqa01' }).waitFor();
    if (locale === 'fr') {
      await page.locator('.lang-button[lang="fr"]').click();
      await page.locator('.connect-card h2, #tab-backups', { hasText: /Se connecter|Sauvegardes/ }).first().waitFor();
    }
    const tab = page.locator('#tab-backups');
    assert.equal(await tab.textContent(), w.tab);
    assert.equal(await tab.getAttribute('aria-selected'), 'true');
    const panel = page.locator('#tab-panel');
    await panel.locator('.backup-window').waitFor();
    const fact = async (key) => (await panel.locator(`.fact[data-key="${key}"] dd`).textContent()).trim();
    assert.equal(await fact('policy'), w.policy);
    assert.equal(await fact('type'), w.type);
    assert.equal(await fact('retention'), w.retention);
    assert.equal(await fact('schedule'), w.schedule);
    // The last backups, as the API lists them.
    const rows = panel.locator('tbody tr');
    assert.equal(await rows.count(), backups.length);
    assert.equal((await rows.first().locator('th').textContent()).trim(), backups[0].type);
    assert.match(await rows.first().textContent(), new RegExp(String(backups[0].backupSize).replace('.', '[.,]')));
    // The window: 7 days for a QA service with a 7-day policy, ending now.
    const win = panel.locator('.backup-window');
    assert.match(await win.textContent(), w.window);
    const days = (Date.parse(await win.getAttribute('data-to')) - Date.parse(await win.getAttribute('data-from'))) / 86400000;
    assert.ok(Math.abs(days - 7) < 0.01, `window of ${days} days`);
    await auditAll(page, `backups tab (${locale})`);
    if (locale === 'en') await shot(page, 'detail-backups');
    await page.locator(`.lang-button[lang="en"]`).click();
  }
  // Production (billingprd01): a 14-day policy and a 14-day O3 window.
  await page.goto(`${BASE}/#/instances/${P}?tab=backups`);
  const win = page.locator('#tab-panel .backup-window');
  await win.waitFor();
  const days = (Date.parse(await win.getAttribute('data-to')) - Date.parse(await win.getAttribute('data-from'))) / 86400000;
  assert.ok(Math.abs(days - 14) < 0.01, `window of ${days} days`);
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('4. the API’s own words: a T6 errorMessage reaches the field, with the localized code', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page, '#/create');
  for (const [locale, prefix, said] of [
    ['en', 'The API refused this value (INVALID_FIELD_VALUE).', 'The API said: “Error on field \'networkId\': network 310 is not in area EB-QA; networks of EB-QA: 132 or 133”.'],
    ['fr', 'L’API a refusé cette valeur (INVALID_FIELD_VALUE).', 'L’API a répondu : « Error on field \'networkId\': network 310 is not in area EB-QA; networks of EB-QA: 132 or 133 ».'],
  ]) {
    if (locale === 'fr') {
      await page.locator('.lang-button[lang="fr"]').click();
      await page.locator('h1', { hasText: 'Nouvelle instance' }).waitFor();
    }
    for (const [k, v] of Object.entries({ name: `apiwords${locale}01`, trigram: 'tri', admPassword: 'Test123@2022' })) await field(page, k).fill(v);
    await page.waitForFunction(() => document.querySelector('select[data-field="serviceId"] option[value="123"]'));
    await field(page, 'serviceId').selectOption('123');
    // A network of another area typed by hand: valid for the rules, refused by the API (400, T6).
    await page.waitForFunction(() => document.querySelector('select[data-field="networkId"] option[value="132"]'));
    await field(page, 'networkId').selectOption('__other__');
    const otherNet = page.locator('[data-other-of="networkId"]');
    await otherNet.fill('310');
    await page.locator('form button[type="submit"]').click();
    await page.locator('#create-summary').waitFor();
    const error = (await fieldError(page, 'networkId').textContent()).trim();
    assert.equal(error, `${prefix} ${said}`);
    await auditAll(page, `create refused by the API (${locale})`);
  }
  assert.deepEqual(unexpectedErrors(log, [400]), []);
  await page.context().close();
});

test('5. a suggested name is valid by the same rules (C1), or not offered', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page, '#/create');
  const name = field(page, 'name');
  const fix = page.locator('.field[data-name="name"] .fix');
  const enter = async (value) => { await name.fill(value); await name.press('Tab'); };
  await enter('PG-Prod_01');
  assert.equal(await fix.textContent(), 'Use “pgprod01”');
  await fix.click();
  assert.equal(await name.inputValue(), 'pgprod01');
  assert.equal(await name.getAttribute('aria-invalid'), null);
  // Nothing valid comes out of it (too short once cleaned, or the reserved "cluster"): no offer.
  for (const bad of ['A-B', 'CLUSTER']) {
    await enter(bad);
    assert.equal(await name.getAttribute('aria-invalid'), 'true', bad);
    assert.equal(await fix.count(), 0, bad);
  }
  await auditAll(page, 'create name without suggestion');
  await page.locator('.lang-button[lang="fr"]').click();
  await page.locator('h1', { hasText: 'Nouvelle instance' }).waitFor();
  await enter('Mobile PG');
  assert.equal(await fix.textContent(), 'Utiliser « mobilepg »');
  await fix.click();
  assert.equal(await name.getAttribute('aria-invalid'), null);
  await auditAll(page, 'create name fixed (fr)');
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('6. one status: during an action the header badge and the Status card agree', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  // Long actions: the state during the action can be read; finish-actions ends them.
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 600000 } });
  try {
    for (const [locale, busy, done] of [['en', 'Stopping', 'Stopped'], ['fr', 'Arrêt en cours', 'Arrêtée']]) {
      await openDetail(page, A, 'billingqa01');
      if (locale === 'fr') {
        await page.locator('.lang-button[lang="fr"]').click();
        await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
      }
      const header = page.locator('.detail-title .badge');
      const card = page.locator('.fact', { has: page.locator('dt', { hasText: /^(Status|État)$/ }) }).locator('.badge');
      await page.locator('.toolbar [data-op="stop"]').click();
      const dialog = page.locator('dialog[open][data-operation="stop"]');
      await dialog.locator('input[data-confirm]').check();
      await submitOf(dialog).click();
      await dialog.waitFor({ state: 'detached' });
      await header.filter({ hasText: busy }).waitFor();
      await card.filter({ hasText: busy }).waitFor();
      assert.equal(await card.textContent(), await header.textContent());
      await auditAll(page, `status during an action (${locale})`);
      await sim('/_sim/finish-actions');
      await header.filter({ hasText: done }).waitFor();
      await card.filter({ hasText: done }).waitFor();
      await apiOperation(A, 'start');
      if (locale === 'fr') await page.locator('.lang-button[lang="en"]').click();
    }
  } finally {
    await sim('/_sim/config', { method: 'PUT', body: { actionMs: 800 } });
  }
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('9. opening an instance puts focus on its heading (link, Enter, deep link)', async () => {
  const { page, log } = await openPage(browser);
  const focused = () => page.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.textContent}`);
  // Deep link (through sign-in).
  await signIn(page, `#/instances/${A}`);
  await page.locator('h1', { hasText: 'billingqa01' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await focused(), 'H1:billingqa01');
  // A link of the list, clicked.
  await page.goto(`${BASE}/#/instances`);
  await page.locator('tbody tr a', { hasText: 'billingprd01' }).click();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'billingprd01');
  // Enter on a link of the list.
  await page.goto(`${BASE}/#/instances`);
  await page.locator('tbody tr a', { hasText: 'datalab01' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'datalab01');
  await auditAll(page, 'instance page, focus on the heading');
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('7. confirmations: disabled until satisfied with the reason shown, a typed name on production or HA', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  const L = 500061857; // legacyapp01: QA, STANDALONE, STOPPED
  const words = {
    en: { typeDelete: 'Type legacyapp01 to enable Delete.', tick: 'Tick the confirmation to enable Stop.', typeStop: 'Type billingprd01 to enable Stop.', strong: 'production or high-availability' },
    fr: { typeDelete: 'Saisissez legacyapp01 pour activer Supprimer.', tick: 'Cochez la confirmation pour activer Arrêter.', typeStop: 'Saisissez billingprd01 pour activer Arrêter.', strong: 'production ou haute disponibilité' },
  };
  for (const locale of ['en', 'fr']) {
    const w = words[locale];
    const open = async (id, name, op) => {
      await openDetail(page, id, name);
      if (locale === 'fr') {
        await page.locator('.lang-button[lang="fr"]').click();
        await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
      }
      await page.locator(`.toolbar [data-op="${op}"]`).click();
      const dialog = page.locator(`dialog[open][data-operation="${op}"]`);
      await dialog.waitFor();
      return dialog;
    };
    const why = (dialog) => dialog.locator('.submit-why');
    // Delete: disabled before anything is typed, with the reason; no placeholder that looks filled.
    let dialog = await open(L, 'legacyapp01', 'delete');
    const typed = dialog.locator('input[data-confirm="typeName"]');
    assert.equal(await typed.getAttribute('placeholder'), null);
    assert.equal(await submitOf(dialog).isDisabled(), true);
    assert.equal(await why(dialog).textContent(), w.typeDelete);
    assert.equal(await submitOf(dialog).getAttribute('aria-describedby'), await why(dialog).getAttribute('id'));
    await typed.fill('legacyapp0');
    assert.equal(await submitOf(dialog).isDisabled(), true);
    await typed.fill('legacyapp01');
    assert.equal(await submitOf(dialog).isDisabled(), false);
    assert.equal(await why(dialog).textContent(), '');
    await auditAll(page, `delete dialog (${locale})`);
    await dialog.locator('.dialog-foot .button-ghost').click();
    if (locale === 'fr') await page.locator('.lang-button[lang="en"]').click();
    // Stop on a QA standalone instance: a tick, the reason until it is given, and no
    // "cannot be undone" next to a Start button.
    dialog = await open(A, 'billingqa01', 'stop');
    assert.equal(await why(dialog).textContent(), w.tick);
    assert.doesNotMatch(await dialog.textContent(), /cannot be undone|irréversible|ne peut pas être annulée\./);
    await dialog.locator('input[data-confirm="acknowledge"]').check();
    assert.equal(await submitOf(dialog).isDisabled(), false);
    await auditAll(page, `stop dialog (${locale})`);
    await dialog.locator('.dialog-foot .button-ghost').click();
    if (locale === 'fr') await page.locator('.lang-button[lang="en"]').click();
    // Stop on a production HA instance: the name is typed.
    dialog = await open(P, 'billingprd01', 'stop');
    assert.equal(await dialog.locator('input[data-confirm="acknowledge"]').count(), 0);
    assert.match(await dialog.locator('.confirm').textContent(), new RegExp(w.strong));
    assert.equal(await why(dialog).textContent(), w.typeStop);
    await dialog.locator('input[data-confirm="typeName"]').fill('billingprd01');
    assert.equal(await submitOf(dialog).isDisabled(), false);
    await auditAll(page, `stop dialog, production HA (${locale})`);
    if (locale === 'en') await shot(page, 'dialog-stop-production', { fullPage: false });
    await dialog.locator('.dialog-foot .button-ghost').click();
    if (locale === 'fr') await page.locator('.lang-button[lang="en"]').click();
  }
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('8. lifecycle facts on the overview: next patch, end of support, monitoring, replication, comment, support level', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  const inst = await api(`/databases/postgresql/${A}`);
  const labels = {
    en: { patch: 'Next patch', eos: 'End of support', mon: 'Monitoring', monLink: 'Open the monitoring dashboard', repl: 'Replication', comment: 'Comment', support: 'Support level', no: 'no', phase: 'standard support' },
    fr: { patch: 'Prochain patch', eos: 'Fin de support', mon: 'Supervision', monLink: 'Ouvrir le tableau de bord de supervision', repl: 'Réplication', comment: 'Commentaire', support: 'Niveau de support', no: 'non', phase: 'support standard' },
  };
  for (const locale of ['en', 'fr']) {
    const l = labels[locale];
    await openDetail(page, A, 'billingqa01');
    if (locale === 'fr') {
      await page.locator('.lang-button[lang="fr"]').click();
      await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
    }
    const fact = (key) => page.locator(`.fact[data-key="${key}"]`);
    await fact('fNextPatch').waitFor();
    const dt = async (key) => (await fact(key).locator('dt').textContent()).trim();
    const dd = async (key) => (await fact(key).locator('dd').textContent()).trim();
    assert.equal(await dt('fNextPatch'), l.patch);
    // The date as the page formats dates, and the patch party (its schedule) it belongs to.
    const patchDate = await page.evaluate((d) => new Date(d).toLocaleString(document.documentElement.lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }), inst.patchParty.patchDate);
    assert.equal(await dd('fNextPatch'), `${patchDate} · ${inst.patchParty.name}`);
    assert.equal(await dt('fEndOfSupport'), l.eos);
    assert.match(await dd('fEndOfSupport'), new RegExp(`${new Date(inst.endOfSupportAt).getUTCFullYear()}.*\\(${l.phase}\\)`));
    assert.equal(await dt('fMonitoring'), l.mon);
    const link = fact('fMonitoring').getByRole('link', { name: l.monLink });
    assert.equal(await link.getAttribute('href'), inst.metrologyUrl);
    assert.equal(await dt('fReplication'), l.repl);
    assert.equal(await dd('fReplication'), l.no);
    assert.equal(inst.replicationStatus, false);
    assert.equal(await dt('fComment'), l.comment);
    assert.equal(await dd('fComment'), inst.comment);
    assert.equal(await dt('fSupportLevel'), l.support);
    assert.equal(await dd('fSupportLevel'), inst.supportLevel);
    await auditAll(page, `overview lifecycle facts (${locale})`);
    if (locale === 'fr') await page.locator('.lang-button[lang="en"]').click();
  }
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('10. the create form says when the choices of services and networks could not be loaded', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  const list = (url) => url.pathname === '/itcare/databases/postgresql';
  await page.route(list, (route) => (route.request().method() === 'GET' ? route.fulfill({ status: 403, body: '' }) : route.continue()));
  for (const [locale, notice] of [
    ['en', 'The lists of services and networks could not be loaded: type their ids below, or try again.'],
    ['fr', 'Les listes de services et de réseaux n’ont pas pu être chargées : saisissez leurs identifiants ci-dessous, ou réessayez.'],
  ]) {
    await page.goto(`${BASE}/#/create`);
    if (locale === 'fr') await page.locator('.lang-button[lang="fr"]').click();
    const note = page.locator('.choices-note');
    await note.waitFor();
    assert.equal((await note.locator('p').first().textContent()).trim(), notice);
    // The selects fell back to typing, as before; now the page says why.
    assert.equal(await page.locator('[data-other-of="serviceId"]').isVisible(), true);
    await auditAll(page, `create form without choices (${locale})`);
    if (locale === 'en') await shot(page, 'create-choices-unavailable', { fullPage: false });
  }
  // Once the API answers, "try again" loads the choices and the note goes.
  await page.unroute(list);
  await page.locator('.choices-note button').click();
  await page.locator('.choices-note').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelector('select[data-field="serviceId"] option[value="123"]'));
  await page.locator('.lang-button[lang="en"]').click();
  assert.deepEqual(unexpectedErrors(log, [403]), []);
  await page.context().close();
});

test('11 (part). developer card folded, instance page titled by its name, topology and time zone in words', async () => {
  const { page, log } = await openPage(browser);
  await page.goto(`${BASE}/`);
  // The sign-in page: the card for whoever deploys the portal is folded away.
  const dev = page.locator('details.dev-card');
  assert.equal(await dev.getAttribute('open'), null);
  assert.equal(await page.locator('#host-help').isVisible(), false);
  await auditAll(page, 'connection (signed out)');
  await signIn(page);
  await openDetail(page, A, 'billingqa01');
  assert.match(await page.title(), /^billingqa01 · /);
  const topology = page.locator('.fact[data-key="fTopology"] dd');
  assert.equal(await topology.textContent(), 'Standalone');
  await page.locator('.toolbar [data-op="restore"]').click();
  const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  assert.equal(await page.locator('dialog[open] .time-zone').textContent(), `Times are in your time zone, ${zone}.`);
  await page.locator('dialog[open] .dialog-foot .button-ghost').click();
  await page.locator('.lang-button[lang="fr"]').click();
  await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
  assert.equal(await topology.textContent(), 'Autonome');
  assert.match(await page.locator('.detail-meta').textContent(), /Autonome/);
  assert.doesNotMatch(await page.locator('.detail-meta').textContent(), /STANDALONE/);
  await auditAll(page, 'instance page (fr)');
  await page.locator('.lang-button[lang="en"]').click();
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('11 (part). install extensions: which need a restart, which are already installed in the chosen database', async () => {
  const { page, log } = await openPage(browser);
  await signIn(page);
  for (const [locale, restart, installed] of [
    ['en', 'needs a restart of the instance', 'already installed in this database'],
    ['fr', 'nécessite un redémarrage de l’instance', 'déjà installée dans cette base'],
  ]) {
    await openDetail(page, A, 'billingqa01');
    if (locale === 'fr') {
      await page.locator('.lang-button[lang="fr"]').click();
      await page.locator('.connect-card h2', { hasText: 'Se connecter' }).waitFor();
    }
    await page.locator('.toolbar [data-op="install_extension"]').click();
    const dialog = page.locator('dialog[open][data-operation="install_extension"]');
    const box = (name) => dialog.locator(`input[type="checkbox"][value="${name}"]`);
    const label = async (name) => (await dialog.locator(`label[for="${await box(name).getAttribute('id')}"]`).textContent()).trim();
    await box('pg_stat_statements').waitFor({ state: 'attached' });
    // The API's requiresRestarting, said next to the extension.
    assert.match(await label('pgaudit'), new RegExp(`— ${restart}$`));
    assert.doesNotMatch(await label('vector'), / — /);
    // billingqa01's application database already has pg_stat_statements: marked, not offered.
    await dialog.locator('[data-field="options.dbname"]').selectOption('billingqa01');
    assert.match(await label('pg_stat_statements'), new RegExp(`— ${installed}$`));
    assert.equal(await box('pg_stat_statements').isDisabled(), true);
    await dialog.locator('[data-field="options.dbname"]').selectOption('postgres');
    assert.equal(await box('pg_stat_statements').isDisabled(), false);
    assert.match(await label('pg_stat_statements'), new RegExp(`— ${restart}$`));
    await auditAll(page, `install extensions dialog (${locale})`);
    await dialog.locator('.dialog-foot .button-ghost').click();
    if (locale === 'fr') await page.locator('.lang-button[lang="en"]').click();
  }
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('11 (part). French typography: a space before the colon in the summaries', async () => {
  const { page, log } = await openPage(browser, { locale: 'fr-FR' });
  await signIn(page, '#/create');
  await page.locator('h1', { hasText: 'Nouvelle instance' }).waitFor();
  await page.locator('form button[type="submit"]').click();
  const items = await page.locator('#create-summary li').allTextContents();
  assert.ok(items.length > 0);
  for (const item of items) assert.match(item, /^[^:]*[^\s\u00a0]\u00a0: \S/, item);
  // English keeps its own rule.
  await page.locator('.lang-button[lang="en"]').click();
  await page.locator('h1', { hasText: 'New PostgreSQL instance' }).waitFor();
  await page.locator('form button[type="submit"]').click();
  for (const item of await page.locator('#create-summary li').allTextContents()) assert.match(item, /^[^:]*\S: \S/, item);
  await auditAll(page, 'create summary');
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});

test('11 (part). at 390 px: the tab strip shows it scrolls, the Connect card fits its width', async () => {
  const { page, log } = await openPage(browser, { viewport: { width: 390, height: 844 } });
  await signIn(page);
  await openDetail(page, P, 'billingprd01');
  const card = page.locator('.connect-card');
  await card.locator('.connect-uri').waitFor();
  const fits = await card.evaluate((el) => [...el.querySelectorAll('*')].every((c) => c.getBoundingClientRect().right <= el.getBoundingClientRect().right + 0.5));
  assert.equal(fits, true, 'nothing in the Connect card reaches past its right edge');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways page scroll');
  const tabs = page.locator('.tabs');
  const [scrolls, cue] = await tabs.evaluate((el) => [el.scrollWidth > el.clientWidth, getComputedStyle(el).maskImage || getComputedStyle(el).webkitMaskImage]);
  assert.equal(scrolls, true);
  assert.notEqual(cue, 'none', 'a fade at the edge says the strip scrolls');
  // Scrolled to its end, the fade goes (nothing more to see).
  await tabs.evaluate((el) => { el.scrollLeft = el.scrollWidth; el.dispatchEvent(new Event('scroll')); });
  await page.waitForFunction(() => (getComputedStyle(document.querySelector('.tabs')).maskImage || 'none') === 'none');
  await auditAll(page, 'instance page at 390 px');
  await shot(page, 'detail-phone', { fullPage: false });
  assert.deepEqual(unexpectedErrors(log), []);
  await page.context().close();
});
