// The portal in headless Firefox (Gecko + SpiderMonkey), driven through geckodriver: sign in to
// the simulator, create an instance with a field error fixed on the way (the message comes from
// the wasm validators), follow the action to ACTIVE, delete the instance; no console error.
// Run by `make test-firefox` (scripts/test-e2e.sh starts the simulator, ITCARE_E2E_BASE).
import { test, before, after } from 'node:test';
import { assert, BASE, resetSim, sim } from '../e2e/helpers.mjs';
import { startGeckodriver, Session, TAB } from './webdriver.mjs';

const NAME = 'ffsmoke01';
let driver;
let ff;

before(async () => {
  await resetSim(true);
  // Actions last 2 s: long enough to see the progress card on a busy machine, short for a test.
  await sim('/_sim/config', { method: 'PUT', body: { actionMs: 2000 } });
  driver = await startGeckodriver();
  // English whatever the machine's locale: the portal follows navigator.language.
  ff = await Session.create(driver.url, { prefs: { 'intl.accept_languages': 'en-GB' } });
});
after(async () => {
  await ff?.close();
  await driver?.stop();
});

const field = (name) => `[data-field="${name}"]`;
/** What the page shows for a field: aria-invalid and the visible error text (null when hidden). */
const fieldState = (name) => ff.exec((n) => {
  const input = document.querySelector(`[data-field="${n}"]`);
  const error = document.querySelector(`.field[data-name="${n}"] .field-error`);
  return {
    invalid: input.getAttribute('aria-invalid'),
    error: error && error.checkVisibility() ? error.textContent.trim() : null,
    describedBy: (input.getAttribute('aria-describedby') ?? '').split(' ').includes(error?.id),
  };
}, name);

test('Firefox: sign in, create with a field error fixed, progress to ACTIVE, delete; no console error', async () => {
  await ff.navigate(`${BASE}/#/create`);
  // The collector must be live before its silence means anything: both kinds of probe must arrive
  // (console.error and an uncaught exception), or the test fails here.
  await ff.exec(() => {
    console.error('smoke-probe: console.error');
    setTimeout(() => { throw new Error('smoke-probe: uncaught'); });
  });
  await ff.waitForLog('the probe errors in the BiDi log', (entries) =>
    entries.filter((e) => e.level === 'error' && e.text.includes('smoke-probe')).length === 2);

  // Sign in with the simulator's dev sign-in; the connection indicator turns on.
  await ff.click('#sim-sign-in');
  await ff.visible('.conn-on');
  await ff.visible('h1', { text: 'New PostgreSQL instance' });

  // A bad name: quiet while typing, the wasm validator's message once the field is left.
  await ff.type(field('name'), 'FFSMOKE01');
  assert.equal((await fieldState('name')).error, null, 'no message while typing');
  await ff.press(field('name'), TAB);
  const bad = await ff.waitFor('the name error', (n) => {
    const e = document.querySelector(`.field[data-name="${n}"] .field-error`);
    return e && e.checkVisibility() && e.textContent.trim();
  }, ['name']);
  assert.match(bad, /lowercase/i);
  const shown = await fieldState('name');
  assert.equal(shown.invalid, 'true');
  assert.ok(shown.describedBy, 'the error is the input’s description');
  // Fixed: the message follows the typing and goes.
  await ff.type(field('name'), NAME);
  await ff.waitFor('the name error to clear', (n) => {
    const input = document.querySelector(`[data-field="${n}"]`);
    return input.getAttribute('aria-invalid') === null;
  }, ['name']);
  assert.deepEqual(await fieldState('name'), { invalid: null, error: null, describedBy: false });

  await ff.type(field('trigram'), 'ffs');
  await ff.type(field('admPassword'), 'Test123@2022');
  // Services and networks are offered once the API answered.
  await ff.click(`select${field('serviceId')} option[value="123"]`);
  await ff.click(`select${field('networkId')} option[value="132"]`);
  assert.deepEqual(
    await ff.exec(() => ['serviceId', 'networkId'].map((n) => document.querySelector(`[data-field="${n}"]`).value)),
    ['123', '132'],
  );
  await ff.click('form button[type="submit"]', { text: 'Create instance' });

  // Back on the list with a progress card, then the instance ACTIVE once the action ends.
  await ff.visible('h1', { text: 'PostgreSQL instances' });
  await ff.waitFor('the progress card of the create', (t) => [...document.querySelectorAll('.action-card')]
    .some((c) => c.textContent.includes(t) && c.querySelector('progress')), [`Create ${NAME}`]);
  await ff.visible('.toast', { text: `Create ${NAME}: done.` });
  await ff.waitFor(`${NAME} ACTIVE in the list`, (n) => [...document.querySelectorAll('tbody tr')]
    .some((r) => r.textContent.includes(n) && r.querySelector('.badge')?.textContent === 'Active'), [NAME]);
  assert.equal(await ff.exec(() => localStorage.getItem('itcare.runningActions')), '[]');

  // Delete it from its page, confirming with its name.
  await ff.click('tbody tr a', { text: NAME });
  await ff.visible('.detail-title h1', { text: NAME });
  await ff.click('.toolbar [data-op="delete"]');
  await ff.visible('dialog[open][data-operation="delete"]');
  await ff.waitFor('the delete dialog to load', () => !document.querySelector('dialog[open] .loading'));
  const submit = 'dialog[open] .dialog-foot button[type="submit"]';
  const confirm = 'dialog[open] input[data-confirm="typeName"]';
  await ff.type(confirm, NAME.slice(0, -1));
  await ff.waitFor('the delete button disabled for a wrong name', (s) => document.querySelector(s).disabled, [submit]);
  await ff.type(confirm, NAME);
  await ff.waitFor('the delete button to enable', (s) => !document.querySelector(s).disabled, [submit]);
  await ff.click(submit);
  await ff.visible('.toast', { text: `Delete instance — ${NAME}: done.` });
  await ff.navigate(`${BASE}/#/instances`);
  await ff.visible('tbody tr');
  assert.ok(await ff.exec((n) => [...document.querySelectorAll('tbody tr')]
    .filter((r) => r.textContent.includes(n)).every((r) => /DELETED|Deleted/.test(r.textContent)), NAME),
  `${NAME} gone from the list or DELETED`);

  // Every error since the session opened (page load included), the probes aside.
  assert.deepEqual(ff.errors().filter((e) => !e.includes('smoke-probe')), [],
    'console errors or uncaught exceptions in Firefox');
});
