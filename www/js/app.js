// Entry point: loads the wasm SDK, draws the shell, routes between views, accepts a token from a
// host page, and resumes the actions a previous page was following.

import { h, replace } from './dom.js';
import { t } from './i18n.js';
import { state, setLocale, setConnection, signOut, isConnected, allowedOrigins, bus, checkHealth } from './state.js';
import { resumeAll, stopAll } from './actions.js';
import { connectionView } from './views/connection.js';
import { listView } from './views/list.js';
// The create form and the instance detail (with its dialogs) load when first needed, so the
// first page has less to fetch and parse.
const lazyViews = {
  create: () => import('./views/create.js'),
  detail: () => import('./views/detail.js'),
};
import { toast, errorBanner } from './ui.js';

const app = document.getElementById('app');
let cleanup = null;
let nextRoute = null;
let routeSeq = 0;

function shell() {
  const main = h('main', { id: 'main', tabindex: -1 });
  const langButton = (code, label) => h('button', {
    type: 'button',
    class: 'lang-button',
    lang: code,
    'aria-pressed': state.locale === code ? 'true' : 'false',
    onclick: () => {
      if (state.locale === code) return;
      setLocale(code);
      shell();
      route();
    },
  }, label);
  const connected = isConnected();
  let host = '';
  try { host = new URL(state.baseUrl).host; } catch { host = state.baseUrl; }
  const header = h('header', { class: 'topbar' },
    h('a', { class: 'brand', href: '#/instances' },
      h('img', { src: 'logo.svg', alt: '', width: 28, height: 28 }),
      h('span', null, t('appName'))),
    h('nav', { class: 'mainnav', 'aria-label': t('navMain') },
      connected ? h('a', { href: '#/instances', dataset: { nav: 'instances' } }, t('navInstances')) : null,
      connected ? h('a', { href: '#/create', dataset: { nav: 'create' } }, t('navCreate')) : null,
      h('a', { href: '#/connect', dataset: { nav: 'connect' } }, t('navConnect'))),
    h('div', { class: 'topbar-right' },
      connStatus(connected, host),
      connected ? h('button', {
        type: 'button',
        class: 'button button-small button-ghost button-on-dark',
        onclick: () => { stopAll(); signOut(); shell(); location.hash = '#/connect'; },
      }, t('signOut')) : null,
      h('div', { class: 'lang', role: 'group', 'aria-label': t('language') },
        langButton('en', 'EN'), langButton('fr', 'FR'))));
  const activity = h('section', { id: 'activity', class: 'activity', 'aria-label': t('activity'), hidden: true },
    h('h2', { class: 'activity-title' }, t('activity')), h('div', { class: 'action-list' }));
  // Keep running action cards across re-renders of the shell.
  const old = document.getElementById('activity');
  if (old) {
    activity.querySelector('.action-list').append(...old.querySelector('.action-list').children);
    activity.hidden = old.hidden;
  }
  replace(app,
    h('a', { class: 'skip-link', href: '#main', onclick: (e) => { e.preventDefault(); main.focus(); } }, t('skip')),
    header, h('div', { class: 'container' }, activity, main),
    h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite' }));
  document.documentElement.lang = state.locale;
}

/** The header's connection state: green only while the API answers (state.conn). */
function connStatus(connected, host) {
  if (!connected) return h('span', { id: 'conn', class: 'conn conn-off', role: 'status' }, t('notConnected'));
  const down = state.conn === 'down';
  return h('span', { id: 'conn', class: `conn ${down ? 'conn-down' : 'conn-on'}`, role: 'status', title: down ? t('connDownLong', { host }) : null },
    down ? t('connDown', { host }) : t('connectedTo', { host }));
}

bus.addEventListener('conn', () => {
  const el = document.getElementById('conn');
  if (!el) return;
  let host = '';
  try { host = new URL(state.baseUrl).host; } catch { host = state.baseUrl; }
  el.replaceWith(connStatus(isConnected(), host));
});

function route() {
  cleanup?.();
  cleanup = null;
  document.querySelectorAll('dialog').forEach((d) => d.close());
  const main = document.getElementById('main');
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = (path || '/').split('/').filter(Boolean);
  if (parts[0] !== 'connect' && !isConnected()) {
    nextRoute = location.hash && location.hash !== '#/connect' ? location.hash : null;
    if (location.hash !== '#/connect') { history.replaceState(null, '', '#/connect'); }
    parts.splice(0, parts.length, 'connect');
  }
  for (const a of document.querySelectorAll('.mainnav a')) {
    const on = a.dataset.nav === (parts[0] === 'instances' && parts[1] ? '' : parts[0]);
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const seq = ++routeSeq;
  const show = (render) => {
    if (seq !== routeSeq) return; // another route was asked for meanwhile
    cleanup = render() ?? null;
    main.querySelector('h1')?.focus({ preventScroll: true });
  };
  const later = (name, render) => lazyViews[name]()
    .then((m) => show(() => render(m)))
    .catch((err) => show(() => { replace(main, errorBanner(err, route)); }));
  if (parts[0] === 'connect') {
    show(() => connectionView(main, { onConnected: connected }));
    document.title = `${t('connectTitle')} · ${t('appName')}`;
  } else if (parts[0] === 'create') {
    later('create', (m) => m.createView(main));
    document.title = `${t('navCreate')} · ${t('appName')}`;
  } else if (parts[0] === 'instances' && parts[1]) {
    later('detail', (m) => m.detailView(main, decodeURIComponent(parts[1]), params));
    document.title = `#${parts[1]} · ${t('appName')}`;
  } else {
    show(() => listView(main, params));
    document.title = `${t('listTitle')} · ${t('appName')}`;
  }
}

async function connected(baseUrl, token, source, remember = false) {
  try {
    await loadSdk();
  } catch {
    return; // fatal() already says why
  }
  setConnection(baseUrl, token, source, { remember });
  shell();
  toast(t('signedIn'), 'success');
  resumeAll();
  const target = nextRoute ?? '#/instances';
  nextRoute = null;
  if (location.hash === target) route(); else location.hash = target;
}

/**
 * A host page may hand a token over (never a client secret, T3): by postMessage only from an
 * origin the deployer lists (none by default), or by an `itcare:token` event from the page's own
 * scripts (the CSP admits no other). The token goes to the base URL the person has; a message
 * cannot redirect it, so a `baseUrl` it carries is ignored.
 */
function acceptHostTokens() {
  window.addEventListener('message', (e) => {
    if (!allowedOrigins().includes(e.origin)) return;
    const data = e.data;
    if (data && data.type === 'itcare:token' && typeof data.token === 'string' && data.token) {
      connected(state.baseUrl, data.token, 'host');
    }
  });
  window.addEventListener('itcare:token', (e) => {
    const d = e.detail;
    if (d && typeof d.token === 'string' && d.token) connected(state.baseUrl, d.token, 'host');
  });
}

/** The wasm SDK (the package's browser entry), loading from the first moment. */
let sdkReady = null;
function loadSdk() {
  sdkReady ??= import('/pkg/index.js').then(async (sdk) => {
    await sdk.default();
    state.sdk = sdk;
    return sdk;
  });
  return sdkReady;
}

function fatal(err) {
  replace(app, h('div', { class: 'banner banner-error fatal', role: 'alert' }, h('p', null, t('sdkFailed')), h('p', { class: 'help' }, String(err?.message ?? err))));
}

function boot() {
  document.documentElement.lang = state.locale;
  // The first page (the connection form: a reload always signs out) needs no SDK: it is drawn
  // at once while the module downloads; signing in waits for it.
  loadSdk().catch(fatal);
  shell();
  acceptHostTokens();
  // A tab brought back after a while re-checks the API at once (T9).
  document.addEventListener('visibilitychange', () => { if (!document.hidden && state.conn === 'down') checkHealth(); });
  window.addEventListener('hashchange', route);
  route();
  performance.mark('itcare:usable');
  loadSdk().then(() => {
    document.body.dataset.ready = 'true';
    performance.mark('itcare:ready');
    // Fetch the other views while the person reads the first one.
    const warm = () => Object.values(lazyViews).forEach((load) => load().catch(() => {}));
    if ('requestIdleCallback' in window) requestIdleCallback(warm, { timeout: 3000 }); else setTimeout(warm, 1500);
  }, () => {});
}

boot();
