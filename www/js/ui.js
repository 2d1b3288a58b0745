// Shared widgets: status badges, banners, tables, toasts, loading and empty states.

import { h } from './dom.js';
import { t, errorMessage, statusLabel } from './i18n.js';
import { STATUSES } from './statuses.js';


/**
 * A status badge in the user's language; unknown statuses are shown as they are, in a neutral
 * tone (A1). `busy` (what a running action is doing, e.g. "Stopping") replaces a status the API
 * leaves unchanged until the action ends.
 */
export function badge(status, busy) {
  if (busy) return h('span', { class: 'badge badge-busy', dataset: { status: String(status ?? '') } }, busy);
  const raw = status == null || status === '' ? '' : String(status);
  const upper = raw.toUpperCase();
  const tone = STATUSES[upper]?.tone ?? 'neutral';
  return h('span', { class: `badge badge-${tone}`, dataset: { status: raw } }, raw ? statusLabel(raw) : '—');
}

/** An error banner with a retry button (and sign-in link for auth errors). */
export function errorBanner(err, retry) {
  return h('div', { class: 'banner banner-error', role: 'alert' },
    h('p', null, errorMessage(err)),
    h('div', { class: 'banner-actions' },
      retry ? h('button', { type: 'button', class: 'button', onclick: retry }, t('retry')) : null,
      err?.name === 'AuthError' ? h('a', { class: 'button button-ghost', href: '#/connect' }, t('signInAgain')) : null));
}

export function loading(text) {
  return h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text ?? t('loading'));
}

export function empty(title, body, action) {
  return h('div', { class: 'empty' }, h('h2', null, title), body ? h('p', null, body) : null, action ?? null);
}

/**
 * A readable table. columns: [{ label, cell: (row) => node|text, className? }].
 */
export function table(caption, columns, rows) {
  return h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': caption },
    h('table', { class: 'table' },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)))),
      h('tbody', null, rows.map((row) => h('tr', null,
        // data-label: on a phone a `.table-cards` row reads as a card of "label: value" lines.
        columns.map((c, i) => (i === 0
          ? h('th', { scope: 'row', class: c.className, dataset: { label: c.label } }, c.cell(row) ?? '—')
          : h('td', { class: c.className, dataset: { label: c.label } }, c.cell(row) ?? '—'))))))));
}

/**
 * Shows a notification in the live region. Good news goes after a while; an error stays until
 * the person dismisses it (a failure must not vanish unread).
 */
export function toast(text, tone = 'info') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const el = h('div', { class: `toast toast-${tone}`, role: tone === 'error' ? 'alert' : null },
    h('p', null, text),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': t('dismiss'), onclick: () => el.remove() }, '×'));
  region.append(el);
  // Keep the corner readable: at most four notifications, dropping good news before errors.
  while (region.childElementCount > 4) {
    (region.querySelector('.toast:not(.toast-error)') ?? region.firstElementChild).remove();
  }
  if (tone !== 'error') setTimeout(() => el.remove(), 8000);
}

/** Text for a possibly-missing value. */
export function text(value) {
  if (value == null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/**
 * A refusal of the server that concerns one field, as issues in the user's language; null when
 * it concerns no field. T6 names the field (400); for a create, 409 is a name already taken and
 * 403 a service the token may not use (T5 bodies are empty: the status says which).
 */
export function issuesFromError(err, form) {
  if (err?.name === 'ValidationError' && Array.isArray(err.issues) && err.issues.length) return err.issues;
  if (form === 'create' && err?.status === 409) return [{ path: 'name', message: t('errNameTaken'), code: 'server' }];
  if (form === 'create' && err?.status === 403) return [{ path: 'serviceId', message: t('errServiceForbidden'), code: 'server' }];
  const path = err?.path || err?.errorDesc;
  if (err?.status === 400 && path) {
    // The localized code, then the API's own explanation (T6 `errorMessage`) when it gave one.
    const said = err.errorMessage ? ` ${t('apiSaid', { message: err.errorMessage })}` : '';
    return [{ path, message: t('serverFieldError', { code: err.errorCode ?? `HTTP ${err.status}` }) + said, code: err.errorCode ?? 'server' }];
  }
  return null;
}
