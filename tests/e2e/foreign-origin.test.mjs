// A web page on another origin, in a real browser, cannot use the simulator: no token with the
// public dev credentials, no instance list, no delete, no control call (it once got a token,
// listed 4 instances and deleted one). A page served from loopback on another port (the wasm
// test runner, a Vite or Next dev server) still can. A DNS name rebound to 127.0.0.1 gets nothing
// on any route. Names are mapped with Chromium's --host-resolver-rules, so both pages really
// come from 127.0.0.1 and only the simulator's answers differ.
import { test, before, after } from 'node:test';
import { createServer } from 'node:http';
import { assert, launch, openPage, resetSim, sim, BASE } from './helpers.mjs';

const TOKEN_PATH = '/auth/realms/cloud/protocol/openid-connect/token';
const SEEDED_QA16 = 500061854;
let browser;
let pages; // a tiny HTTP server standing for another site: same page on every path
let pagesPort;

before(async () => {
  await resetSim(true);
  pages = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset=utf-8><title>some site</title><p>some site</p>');
  });
  await new Promise((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagesPort = pages.address().port;
  browser = await launch({
    args: ['--host-resolver-rules=MAP foreign.test 127.0.0.1, MAP rebind.test 127.0.0.1'],
  });
});
after(async () => {
  await browser?.close();
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve()));
  await resetSim(true);
});

const countInstances = async () => {
  const { access_token: token } = await sim('/_sim/dev-token');
  const res = await fetch(`${BASE}/itcare/databases/postgresql`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200);
  return (await res.json()).totalElements;
};

/** From the page, every call an attacker would make; each answer's status and body, or the error. */
function attempts(page, token) {
  return page.evaluate(async ({ base, tokenPath, token, id }) => {
    const out = {};
    const attempt = async (name, url, init) => {
      try {
        const res = await fetch(url, init);
        out[name] = { status: res.status, body: await res.text() };
      } catch (e) {
        out[name] = { error: String(e) };
      }
    };
    const basic = `Basic ${btoa('itcare-sim:itcare-sim-secret')}`;
    // T3 as an SDK sends it (preflighted: Authorization header) ...
    await attempt('token', `${base}${tokenPath}`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    // ... and as a simple request (form fields, no preflight: the server sees the request itself).
    await attempt('tokenSimple', `${base}${tokenPath}`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'itcare-sim', client_secret: 'itcare-sim-secret' }),
    });
    // With a token obtained elsewhere: list and delete.
    const bearer = { authorization: `Bearer ${token}` };
    await attempt('list', `${base}/itcare/databases/postgresql`, { headers: bearer });
    await attempt('delete', `${base}/itcare/databases/postgresql/${id}`, { method: 'DELETE', headers: bearer });
    await attempt('devToken', `${base}/_sim/dev-token`, { method: 'POST' });
    return out;
  }, { base: BASE, tokenPath: TOKEN_PATH, token, id: SEEDED_QA16 });
}

test('a page on a foreign origin gets no token, no list and deletes nothing', async () => {
  const { access_token: token } = await sim('/_sim/dev-token');
  assert.equal(await countInstances(), 4);
  const { page } = await openPage(browser);
  const origin = `http://foreign.test:${pagesPort}`;
  await page.goto(`${origin}/`);
  assert.equal(await page.evaluate(() => location.origin), origin);
  const out = await attempts(page, token);
  for (const [name, r] of Object.entries(out)) {
    // The browser hides every answer (no CORS grant): a network error, never a body.
    assert.ok(r.error, `${name}: ${JSON.stringify(r)}`);
    assert.ok(!JSON.stringify(r).includes('access_token'), name);
  }
  assert.equal(await countInstances(), 4, 'nothing was deleted');
  await page.context().close();
});

test('a page served from loopback on another port still gets a token and the list', async () => {
  const { page } = await openPage(browser);
  await page.goto(`http://127.0.0.1:${pagesPort}/`);
  const out = await page.evaluate(async ({ base, tokenPath }) => {
    const res = await fetch(`${base}${tokenPath}`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('itcare-sim:itcare-sim-secret')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials',
    });
    const { access_token: token } = await res.json();
    const list = await fetch(`${base}/itcare/databases/postgresql`, { headers: { authorization: `Bearer ${token}` } });
    return { token: res.status, list: list.status, total: (await list.json()).totalElements };
  }, { base: BASE, tokenPath: TOKEN_PATH });
  assert.deepEqual(out, { token: 200, list: 200, total: 4 });
  await page.context().close();
});

test('a DNS name rebound to the simulator gets nothing on any route', async () => {
  const port = new URL(BASE).port;
  const { page } = await openPage(browser);
  const origin = `http://rebind.test:${port}`;
  const res = await page.goto(`${origin}/`);
  assert.equal(res.status(), 403, 'the portal itself');
  assert.equal(await page.evaluate(() => location.origin), origin);
  // Same-origin calls now (no CORS involved): each refused for its Host.
  const out = await page.evaluate(async (tokenPath) => {
    const basic = `Basic ${btoa('itcare-sim:itcare-sim-secret')}`;
    const calls = {
      token: [tokenPath, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' }, body: 'grant_type=client_credentials' }],
      health: ['/itcare/health', {}],
      list: ['/itcare/databases/postgresql', {}],
      devToken: ['/_sim/dev-token', { method: 'POST' }],
      reset: ['/_sim/reset', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"seed":false}' }],
      pkg: ['/pkg/index.js', {}],
    };
    const out = {};
    for (const [name, [path, init]] of Object.entries(calls)) {
      const r = await fetch(path, init);
      out[name] = { status: r.status, errorDesc: (await r.json().catch(() => ({}))).errorDesc };
    }
    return out;
  }, TOKEN_PATH);
  for (const [name, r] of Object.entries(out)) {
    assert.deepEqual(r, { status: 403, errorDesc: 'Host' }, name);
  }
  assert.equal(await countInstances(), 4, 'the reset was refused');
  await page.context().close();
});
