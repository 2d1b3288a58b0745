// Application state. The token lives in this module's memory only: never in storage, never in
// the URL. localStorage holds only the API base URL, the language and running action ids.

const BASE_URL_KEY = 'itcare.baseUrl';
const LOCALE_KEY = 'itcare.locale';

export const state = {
  /** The wasm module namespace (exports of /pkg/itcare_postgresql.js). */
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
    tokenProvider: async () => state.token,
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
