// Application state. The token lives in this module's memory only: never in storage, never in
// the URL. localStorage holds only the API base URL the person typed or confirmed, the language
// and running action ids.

const BASE_URL_KEY = 'itcare.baseUrl';
const LOCALE_KEY = 'itcare.locale';

export const state = {
  /** The wasm module namespace (exports of /pkg/index.js). */
  sdk: null,
  /** 'en' | 'fr' */
  locale: readLocale(),
  baseUrl: readStored(BASE_URL_KEY) || `${location.origin}/itcare`,
  /** Bearer token, memory only. */
  token: null,
  /** How the token was obtained: 'simulator' | 'pasted' | 'host'. */
  tokenSource: null,
  /** ItcareClient for (baseUrl, token); rebuilt on change. */
  client: null,
  /** Values typed in the create form, kept across re-renders (language switch). */
  createDraft: {},
  /** Whether the API answered lately: 'ok', 'down' (unreachable or failing), 'unknown'. */
  conn: 'unknown',
};

/**
 * Origins allowed to hand a token over with postMessage, as the deployer lists them in
 * `<meta name="itcare-allowed-origins" content="https://a.example https://b.example">`; none by
 * default (a page that frames the portal is not trusted because it frames it).
 */
export function allowedOrigins() {
  const meta = document.querySelector('meta[name="itcare-allowed-origins"]');
  return (meta?.getAttribute('content') ?? '').split(/[\s,]+/).filter((o) => {
    try { return o && new URL(o).origin === o; } catch { return false; }
  });
}

function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function writeStored(key, value) {
  try {
    if (value == null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* storage disabled: the page still works */
  }
}

function readLocale() {
  const stored = readStored(LOCALE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return (navigator.language || 'en').toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setLocale(locale) {
  state.locale = locale;
  writeStored(LOCALE_KEY, locale);
  document.documentElement.lang = locale;
  rebuildClient();
}

/** Asks the simulator for a fresh dev token (simulator sign-in only). */
export async function fetchDevToken(baseUrl) {
  const res = await fetch(new URL('/_sim/dev-token', baseUrl), { method: 'POST' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = await res.json();
  if (typeof body?.access_token !== 'string') throw new Error('no access_token');
  return body.access_token;
}

/**
 * Signs in with `token` against `baseUrl`. The base URL is remembered only when the person gave
 * it (`remember`): a token handed over by a host page never changes where the next one goes.
 */
export function setConnection(baseUrl, token, source, { remember = false } = {}) {
  state.baseUrl = baseUrl.replace(/\/+$/, '');
  state.token = token;
  state.tokenSource = source;
  if (remember) writeStored(BASE_URL_KEY, state.baseUrl);
  rebuildClient();
  checkHealth();
}

export function signOut() {
  state.token = null;
  state.tokenSource = null;
  state.client = null;
  setConn('unknown');
}

function rebuildClient() {
  if (!state.sdk || !state.token) return;
  state.client = new state.sdk.ItcareClient({
    baseUrl: state.baseUrl,
    // A provider, so a token handed over later by the host page is used without a rebuild.
    // After a 401 the client asks again with forceRefresh: the simulator sign-in fetches a new
    // dev token; a host page is asked for one (it answers with another itcare:token).
    tokenProvider: async ({ forceRefresh } = {}) => {
      if (forceRefresh && state.tokenSource === 'simulator') {
        state.token = await fetchDevToken(state.baseUrl);
      } else if (forceRefresh && state.tokenSource === 'host') {
        window.dispatchEvent(new CustomEvent('itcare:token-request'));
        // Asked only of the origins the deployer allows (the request carries no secret).
        if (window.parent !== window) {
          for (const origin of allowedOrigins()) window.parent.postMessage({ type: 'itcare:token-request' }, origin);
        }
      }
      return state.token;
    },
    // Every answer or failure of the API tells whether it is reachable (shown in the header).
    fetch: observedFetch,
    locale: state.locale,
  });
}

/** `fetch` that records whether the API answered (T5: 5xx and network failures mean trouble). */
async function observedFetch(input, init) {
  try {
    const res = await fetch(input, init);
    setConn(res.status >= 500 ? 'down' : 'ok');
    return res;
  } catch (err) {
    if (err?.name !== 'AbortError') setConn('down');
    throw err;
  }
}

let probe = null;
let heartbeat = null;
/**
 * Records the API's reachability. While signed in, T9 health is asked every 10 s (the header
 * must not say "Connected" to an API that is gone, even when nothing else is asking it); while
 * it is down, every 3 s so the page notices at once when it is back.
 */
export function setConn(value) {
  if (state.conn !== value) {
    state.conn = value;
    emit('conn', { conn: value });
  }
  if (value === 'down' && !probe) {
    probe = setInterval(checkHealth, 3000);
  } else if (value !== 'down' && probe) {
    clearInterval(probe);
    probe = null;
  }
  if (value === 'unknown' && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = null;
  } else if (value !== 'unknown' && !heartbeat) {
    heartbeat = setInterval(() => { if (!document.hidden && state.conn !== 'down') checkHealth(); }, 10000);
  }
}

/** T9: `GET {base}/health`, no token. */
export async function checkHealth() {
  if (!state.token) return;
  try {
    const res = await fetch(`${state.baseUrl}/health`, { cache: 'no-store' });
    setConn(res.ok ? 'ok' : 'down');
  } catch {
    setConn('down');
  }
}

export function isConnected() {
  return Boolean(state.client);
}

/** A small event bus between views and the action tracker. */
export const bus = new EventTarget();
export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}
