// Application state. The token lives in this module's memory only: never in storage, never in
// the URL. localStorage holds only the API base URL, the language and running action ids.

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
};

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

export function setConnection(baseUrl, token, source) {
  state.baseUrl = baseUrl.replace(/\/+$/, '');
  state.token = token;
  state.tokenSource = source;
  writeStored(BASE_URL_KEY, state.baseUrl);
  rebuildClient();
}

export function signOut() {
  state.token = null;
  state.tokenSource = null;
  state.client = null;
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
        if (window.parent !== window) window.parent.postMessage({ type: 'itcare:token-request' }, '*');
      }
      return state.token;
    },
    locale: state.locale,
  });
}

export function isConnected() {
  return Boolean(state.client);
}

/** A small event bus between views and the action tracker. */
export const bus = new EventTarget();
export function emit(name, detail) {
  bus.dispatchEvent(new CustomEvent(name, { detail }));
}
