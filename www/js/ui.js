// Shared widgets: status badges, banners, tables, toasts, loading and empty states.

import { h } from './dom.js';
import { t, errorMessage } from './i18n.js';

const TONES = {
  ok: ['ACTIVE', 'SUCCESS', 'RUNNING', 'READY', 'UP'],
  busy: ['IN_PROGRESS', 'CREATING', 'STARTING', 'STOPPING', 'PENDING', 'UPDATING', 'RESIZING',
    'RESTORING', 'UPGRADING', 'DELETING', 'PROVISIONING'],
  muted: ['STOPPED', 'DELETED', 'INACTIVE'],
  bad: ['ERROR', 'FAILED', 'KO'],
};

/** A status badge; unknown statuses are shown as they are, in a neutral tone (A1). */
export function badge(status) {
  const text = status == null || status === '' ? '—' : String(status);
  const upper = text.toUpperCase();
  const tone = Object.keys(TONES).find((k) => TONES[k].includes(upper)) ?? 'neutral';
  return h('span', { class: `badge badge-${tone}` }, text);
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
        columns.map((c, i) => (i === 0
          ? h('th', { scope: 'row', class: c.className }, c.cell(row) ?? '—')
          : h('td', { class: c.className }, c.cell(row) ?? '—'))))))));
}

/** Shows a notification in the live region; it disappears after a while. */
export function toast(text, tone = 'info') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const el = h('div', { class: `toast toast-${tone}` },
    h('p', null, text),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': t('close'), onclick: () => el.remove() }, '×'));
  region.append(el);
  // Keep the corner readable: at most three notifications at once.
  while (region.childElementCount > 3) region.firstElementChild.remove();
  setTimeout(() => el.remove(), 8000);
}

/** Text for a possibly-missing value. */
export function text(value) {
  if (value == null || value === '') return '—';
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
