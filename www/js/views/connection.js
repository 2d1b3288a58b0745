// Connection view: API base URL and a token (simulator dev sign-in, pasted, or from a host page).
// Never asks for a client secret (T3).

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { state, fetchDevToken, allowedOrigins } from '../state.js';

export function connectionView(root, { onConnected }) {
  const origins = allowedOrigins();
  const banner = h('div', { class: 'banner-slot' });
  const urlInput = h('input', { id: 'base-url', class: 'input', type: 'url', value: state.baseUrl, autocomplete: 'url', spellcheck: 'false', 'aria-describedby': 'base-url-help' });
  const tokenInput = h('input', { id: 'token', class: 'input', type: 'password', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'token-help' });

  const baseUrl = () => {
    const value = urlInput.value.trim();
    try {
      const u = new URL(value);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('scheme');
      urlInput.removeAttribute('aria-invalid');
      return value;
    } catch {
      urlInput.setAttribute('aria-invalid', 'true');
      showError(t('baseUrlInvalid'));
      urlInput.focus();
      return null;
    }
  };
  const showError = (message) => replace(banner, h('div', { class: 'banner banner-error', role: 'alert' }, h('p', null, message)));

  const simButton = h('button', {
    type: 'button',
    class: 'button button-primary',
    id: 'sim-sign-in',
    onclick: async () => {
      const url = baseUrl();
      if (!url) return;
      simButton.disabled = true;
      try {
        onConnected(url, await fetchDevToken(url), 'simulator', true);
      } catch (err) {
        showError(t('signInFailed', { message: err.message }));
      } finally {
        simButton.disabled = false;
      }
    },
  }, t('simSignIn'));

  const tokenForm = h('form', {
    class: 'stack',
    onsubmit: (e) => {
      e.preventDefault();
      const url = baseUrl();
      if (!url) return;
      const token = tokenInput.value.trim().replace(/^Bearer\s+/i, '');
      if (!token) {
        tokenInput.setAttribute('aria-invalid', 'true');
        showError(t('tokenEmpty'));
        tokenInput.focus();
        return;
      }
      tokenInput.value = '';
      onConnected(url, token, 'pasted', true);
    },
  },
  h('label', { for: 'token' }, t('tokenLabel')),
  tokenInput,
  h('p', { class: 'help', id: 'token-help' }, t('tokenHelp')),
  h('div', null, h('button', { type: 'submit', class: 'button' }, t('useToken'))));

  replace(root,
    h('div', { class: 'page page-narrow' },
      h('h1', { tabindex: -1 }, t('connectTitle')),
      h('p', { class: 'lead' }, t('connectLead')),
      h('p', { class: 'banner banner-info', id: 'token-memory' }, t('tokenMemory')),
      banner,
      h('section', { class: 'card stack' },
        h('label', { for: 'base-url' }, t('baseUrl')),
        urlInput,
        h('p', { class: 'help', id: 'base-url-help' }, t('baseUrlHelp'))),
      h('div', { class: 'card-grid' },
        h('section', { class: 'card stack', 'aria-labelledby': 'sim-title' },
          h('h2', { id: 'sim-title' }, t('simTitle')),
          h('p', { class: 'help' }, t('simHelp')),
          h('div', null, simButton)),
        h('section', { class: 'card stack', 'aria-labelledby': 'token-title' },
          h('h2', { id: 'token-title' }, t('tokenTitle')),
          tokenForm)),
      // For whoever deploys the portal, not for the person signing in: folded away.
      h('details', { class: 'card card-quiet stack dev-card' },
        h('summary', { id: 'host-title' }, t('hostTitle')),
        h('p', { class: 'help', id: 'host-help' }, origins.length
          ? t('hostHelpAllowed', { origins: origins.join(', ') })
          : t('hostHelpNone')))));
}
