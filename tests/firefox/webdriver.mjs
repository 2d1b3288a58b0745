// A small W3C WebDriver client for geckodriver (HTTP through Node's fetch) with WebDriver BiDi's
// `log.entryAdded` over a WebSocket (npm `ws` from tools/: Node 20 has no global WebSocket), so a
// test sees console errors and uncaught exceptions as Playwright's page events do in Chromium.
// Playwright cannot drive Debian's Firefox and its own Firefox build cannot be downloaded here.

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const tools = fileURLToPath(new URL('../../tools/node_modules/', import.meta.url));
const WebSocket = require(`${tools}ws`);

export const GECKODRIVER = process.env.GECKODRIVER || `${homedir()}/.cargo/bin/geckodriver`;
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
// W3C WebDriver's key for element references, and the Tab key of "Element Send Keys".
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
export const TAB = '\uE004';
const STALE = /stale element reference/;

/**
 * In the page: the first visible element matching `sel` whose text contains `text` (the element,
 * or true). An option of a closed <select> has no box of its own: it counts as visible with its select.
 */
function findVisible(sel, text, asElement) {
  const shown = (e) => (e.tagName === 'OPTION' ? e.closest('select') : e).checkVisibility();
  const found = [...document.querySelectorAll(sel)]
    .find((e) => (text == null || e.textContent.includes(text)) && shown(e));
  return found ? (asElement ? found : true) : null;
}
const describe = (css, text) => `${css}${text ? ` with text "${text}"` : ''}`;

/**
 * Starts geckodriver on a free port (and lets Firefox pick a free BiDi port), resolving once it
 * listens. Its output is kept (last 64 KB) for failure messages.
 */
export async function startGeckodriver() {
  for (const [what, path] of [['geckodriver', GECKODRIVER], ['Firefox', FIREFOX]]) {
    if (!existsSync(path)) throw new Error(`${what} missing at ${path}: run scripts/setup.sh`);
  }
  const child = spawn(GECKODRIVER, ['--port', '0', '--websocket-port', '0', '--binary', FIREFOX], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output = (output + chunk).slice(-65536);
      const m = output.match(/Listening on [\d.]+:(\d+)/);
      if (m) resolve(Number(m[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`geckodriver exited (${code}) before listening:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    log: () => output,
    stop: () => new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** Sends one WebDriver command; throws the driver's error (name and message) on a non-2xx answer. */
async function command(url, method, path, body) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const answer = text ? JSON.parse(text) : {};
  if (!res.ok) {
    const v = answer.value ?? {};
    throw new Error(`WebDriver ${method} ${path}: ${res.status} ${v.error ?? ''}: ${v.message ?? text}`);
  }
  return answer.value;
}

/** One Firefox session: classic commands over HTTP, console/JS errors through BiDi. */
export class Session {
  /** Opens headless Firefox with `prefs` and subscribes to its log before any page loads. */
  static async create(driverUrl, { prefs = {}, width = 1280, height = 860 } = {}) {
    const value = await command(driverUrl, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          webSocketUrl: true,
          'moz:firefoxOptions': { args: ['-headless'], prefs },
        },
      },
    });
    const session = new Session(driverUrl, value.sessionId);
    try {
      await session.#openBidi(value.capabilities.webSocketUrl);
      await session.cmd('POST', '/window/rect', { width, height });
    } catch (err) {
      await session.close();
      throw err;
    }
    return session;
  }

  /** Every `log.entryAdded` event (console API calls and uncaught errors) since the session opened. */
  logEntries = [];
  #base;
  #driverUrl;
  #ws;
  #pending = new Map();
  #logWaiters = new Set();
  #nextId = 1;

  constructor(driverUrl, id) {
    this.#driverUrl = driverUrl;
    this.#base = `/session/${id}`;
  }

  async #openBidi(wsUrl) {
    if (!wsUrl) throw new Error('geckodriver returned no webSocketUrl: WebDriver BiDi unavailable');
    this.#ws = new WebSocket(wsUrl);
    await new Promise((resolve, reject) => {
      this.#ws.once('open', resolve);
      this.#ws.once('error', reject);
    });
    this.#ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.type === 'event' && msg.method === 'log.entryAdded') {
        this.logEntries.push(msg.params);
        for (const waiter of this.#logWaiters) waiter();
      } else if (msg.id !== undefined && this.#pending.has(msg.id)) {
        const { resolve, reject } = this.#pending.get(msg.id);
        this.#pending.delete(msg.id);
        if (msg.type === 'error') reject(new Error(`BiDi ${msg.error}: ${msg.message}`));
        else resolve(msg.result);
      }
    });
    await this.bidi('session.subscribe', { events: ['log.entryAdded'] });
  }

  /** Sends one BiDi command and waits for its answer. */
  bidi(method, params) {
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#ws.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Log entries of level "error": console.error calls and uncaught exceptions, as "type: text". */
  errors() {
    return this.logEntries.filter((e) => e.level === 'error').map((e) => `${e.type}: ${e.text}`);
  }

  /** Resolves once `predicate(logEntries)` holds (checked on each new entry); fails after `timeout` ms. */
  waitForLog(what, predicate, { timeout = 10000 } = {}) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.logEntries)) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeout} ms waiting for ${what}: ${JSON.stringify(this.logEntries)}`));
      }, timeout);
      const done = () => { clearTimeout(timer); this.#logWaiters.delete(check); };
      this.#logWaiters.add(check);
      check();
    });
  }

  cmd(method, path, body) {
    return command(this.#driverUrl, method, `${this.#base}${path}`, body);
  }

  navigate(url) {
    return this.cmd('POST', '/url', { url });
  }

  /** Runs `fn` (a function, serialised) in the page with `args`; element arguments pass as references. */
  exec(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args });
  }

  /**
   * Polls `fn(...args)` in the page until it returns a truthy value (returned), failing after
   * `timeout` ms with `what`. A condition, never a fixed delay: the gap between polls only spares
   * the CPU. The portal re-renders often, so an element going stale between two steps is "not yet".
   */
  async waitFor(what, fn, args = [], { timeout = 20000 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.exec(fn, ...args).catch((err) => {
        if (STALE.test(err.message)) return null;
        throw err;
      });
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until an element matching `css` (containing `text`, if given) is visible. */
  async visible(css, { text, timeout } = {}) {
    await this.waitFor(describe(css, text), findVisible, [css, text ?? null, false], { timeout });
  }

  /**
   * Runs `action(elementId)` on the visible element matching `css`, finding it again when the
   * page replaced it in between (stale element reference).
   */
  async #act(css, { text, timeout = 20000 } = {}, action) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const ref = await this.waitFor(describe(css, text), findVisible, [css, text ?? null, true], { timeout });
      try {
        return await action(ref[ELEMENT]);
      } catch (err) {
        if (!STALE.test(err.message) || Date.now() > deadline) throw err;
      }
    }
  }

  /** Clicks like a person (WebDriver Element Click: scrolls into view, fails when covered). */
  click(css, opts) {
    return this.#act(css, opts, (id) => this.cmd('POST', `/element/${id}/click`, {}));
  }

  /** Replaces the value of an input with `text`, typed key by key. */
  type(css, text) {
    return this.#act(css, {}, async (id) => {
      await this.cmd('POST', `/element/${id}/clear`, {});
      await this.cmd('POST', `/element/${id}/value`, { text });
    });
  }

  /** Presses keys in an input (e.g. TAB to leave it). */
  press(css, keys) {
    return this.#act(css, {}, (id) => this.cmd('POST', `/element/${id}/value`, { text: keys }));
  }

  /** Closes Firefox (and the BiDi socket). */
  async close() {
    this.#ws?.close();
    await this.cmd('DELETE', '').catch(() => {});
  }
}
