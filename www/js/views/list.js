// Instance list: search by name, filter by status, sort, refreshed on its own every few seconds
// (changes made elsewhere show up), paginated on the page; on a phone each row reads as a card.
// Open by id when the server has no list (L1).

import { h, replace, formatDate } from '../dom.js';
import { t, statusLabel } from '../i18n.js';
import { state, bus } from '../state.js';
import { badge, errorBanner, loading, empty, table } from '../ui.js';
import { runningOn } from '../actions.js';

const PAGE_SIZE = 10;
const REFRESH_MS = 15000;
const SORTS = {
  name: (a, b) => String(a.name ?? '').localeCompare(String(b.name ?? '')),
  status: (a, b) => String(a.status ?? '').localeCompare(String(b.status ?? '')) || SORTS.name(a, b),
  created: (a, b) => String(b.creationTime ?? '').localeCompare(String(a.creationTime ?? '')) || SORTS.name(a, b),
  id: (a, b) => Number(a.id ?? 0) - Number(b.id ?? 0),
};

export function listView(root, params) {
  const query = {
    page: Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0),
    q: params.get('q') ?? '',
    status: params.get('status') ?? '',
    sort: SORTS[params.get('sort')] ? params.get('sort') : 'name',
  };
  let items = null;
  let updated = null;
  const body = h('div', { class: 'list-body', 'aria-busy': 'true' });
  const idInput = h('input', { id: 'open-id', class: 'input input-short', type: 'number', min: 1, step: 1, inputmode: 'numeric' });
  const openForm = h('form', {
    class: 'inline-form',
    onsubmit: (e) => {
      e.preventDefault();
      const id = idInput.value.trim();
      if (/^\d+$/.test(id)) location.hash = `#/instances/${id}`;
      else idInput.focus();
    },
  }, h('label', { for: 'open-id' }, t('instanceId')), idInput, h('button', { type: 'submit', class: 'button' }, t('open')));

  const search = h('input', { id: 'list-search', class: 'input', type: 'search', value: query.q, autocomplete: 'off', spellcheck: 'false' });
  const statusSelect = h('select', { id: 'list-status', class: 'input' }, h('option', { value: '' }, t('allStatuses')));
  const sortSelect = h('select', { id: 'list-sort', class: 'input' },
    Object.keys(SORTS).map((k) => h('option', { value: k, selected: k === query.sort }, t(`sort${k[0].toUpperCase()}${k.slice(1)}`))));
  const stamp = h('p', { class: 'help list-stamp', 'aria-live': 'off' });
  const filters = h('form', { class: 'filters', role: 'search', 'aria-label': t('search'), onsubmit: (e) => e.preventDefault() },
    h('div', { class: 'field' }, h('label', { for: 'list-search' }, t('search')), search),
    h('div', { class: 'field' }, h('label', { for: 'list-status' }, t('filterStatus')), statusSelect),
    h('div', { class: 'field' }, h('label', { for: 'list-sort' }, t('sortBy')), sortSelect));
  const onFilter = () => {
    query.q = search.value;
    query.status = statusSelect.value;
    query.sort = sortSelect.value;
    query.page = 0;
    keepInUrl();
    render();
  };
  search.addEventListener('input', onFilter);
  statusSelect.addEventListener('change', onFilter);
  sortSelect.addEventListener('change', onFilter);

  replace(root,
    h('div', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', null, h('h1', { tabindex: -1 }, t('listTitle')), h('p', { class: 'lead' }, t('listLead'))),
        h('div', { class: 'page-actions' },
          h('button', { type: 'button', class: 'button button-ghost', id: 'list-refresh', onclick: () => load() }, t('refresh')),
          h('a', { class: 'button button-primary', href: '#/create' }, t('navCreate')))),
      h('section', { class: 'card card-tight', 'aria-label': t('openById') }, openForm),
      filters, stamp,
      body));

  /** The filters live in the URL (a reload or a shared link keeps them), without a new route. */
  function keepInUrl() {
    const p = new URLSearchParams();
    if (query.q) p.set('q', query.q);
    if (query.status) p.set('status', query.status);
    if (query.sort !== 'name') p.set('sort', query.sort);
    if (query.page) p.set('page', String(query.page));
    const text = p.toString();
    history.replaceState(null, '', `#/instances${text ? `?${text}` : ''}`);
  }

  async function load({ quiet = false } = {}) {
    body.setAttribute('aria-busy', 'true');
    if (!body.childElementCount) replace(body, loading(t('loadingInstances')));
    try {
      const result = await state.client.listAllPostgresql();
      items = Array.isArray(result) ? result : (result?.content ?? []);
      updated = new Date();
      render();
    } catch (err) {
      if (err?.name === 'NotFoundError' || err?.status === 405) {
        replace(body, empty(t('noListTitle'), t('noListBody')));
      } else if (!quiet || items === null) {
        replace(body, errorBanner(err, () => load()));
      }
      // A failed background refresh keeps the rows on screen; the header says the API is down.
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  function render() {
    if (items === null) return;
    replace(stamp, updated ? `${t('updatedAt', { time: updated.toLocaleTimeString(state.locale === 'fr' ? 'fr-FR' : 'en-GB') })} · ${t('autoRefresh', { seconds: REFRESH_MS / 1000 })}` : '');
    const statuses = [...new Set(items.map((i) => String(i.status ?? '')).filter(Boolean))].sort();
    if (query.status && !statuses.includes(query.status)) statuses.push(query.status);
    replace(statusSelect, h('option', { value: '' }, t('allStatuses')),
      statuses.map((s) => h('option', { value: s, selected: s === query.status }, statusLabel(s))));
    if (!items.length) {
      replace(body, empty(t('emptyTitle'), t('emptyBody'), h('a', { class: 'button button-primary', href: '#/create' }, t('navCreate'))));
      return;
    }
    const needle = query.q.trim().toLowerCase();
    const matching = items
      .filter((i) => !needle || String(i.name ?? '').toLowerCase().includes(needle) || String(i.id ?? '') === needle)
      .filter((i) => !query.status || String(i.status ?? '') === query.status)
      .sort(SORTS[query.sort]);
    if (!matching.length) {
      replace(body, empty(t('noMatch'), null, h('button', {
        type: 'button',
        class: 'button',
        onclick: () => { search.value = ''; statusSelect.value = ''; onFilter(); search.focus(); },
      }, t('clearFilters'))));
      return;
    }
    const pages = Math.max(1, Math.ceil(matching.length / PAGE_SIZE));
    const page = Math.min(query.page, pages - 1);
    const rows = matching.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
    const cols = [
      { label: t('colName'), cell: (i) => h('a', { href: `#/instances/${encodeURIComponent(i.id)}` }, i.name ?? `#${i.id}`) },
      { label: t('colId'), cell: (i) => String(i.id ?? '—'), className: 'num' },
      {
        label: t('colStatus'),
        cell: (i) => {
          const mine = runningOn(i);
          const busy = mine?.op ? state.sdk.describeOperationForm(mine.op, state.locale)?.busyLabel : null;
          return badge(i.status, busy);
        },
      },
      { label: t('colTopology'), cell: (i) => i.topology },
      { label: t('colVersion'), cell: (i) => i.version ?? i.productVersion },
      { label: t('colSizing'), cell: (i) => i.nodeSizing ?? i.sizing },
      { label: t('colArea'), cell: (i) => i.area ?? i.labelArea },
      { label: t('colCreated'), cell: (i) => formatDate(i.creationTime, state.locale) },
    ];
    const info = t('pageOf', { page: page + 1, pages, total: matching.length });
    const go = (p) => () => { query.page = p; keepInUrl(); render(); };
    const pager = h('nav', { class: 'pager', 'aria-label': info },
      h('button', { type: 'button', class: 'button button-ghost', disabled: page === 0, onclick: go(page - 1) }, t('previous')),
      h('span', { class: 'pager-info' }, matching.length === items.length ? info : `${info} · ${t('shownOf', { shown: matching.length, total: items.length })}`),
      h('button', { type: 'button', class: 'button button-ghost', disabled: page + 1 >= pages, onclick: go(page + 1) }, t('next')));
    const list = table(t('listTitle'), cols, rows);
    list.classList.add('table-cards');
    replace(body, list, pager);
  }

  const onDone = () => load({ quiet: true });
  bus.addEventListener('action:done', onDone);
  bus.addEventListener('action:start', render);
  // Changes made elsewhere (another tab, a colleague, the API itself) show up on their own.
  const timer = setInterval(() => { if (!document.hidden) load({ quiet: true }); }, REFRESH_MS);
  load();
  return () => {
    clearInterval(timer);
    bus.removeEventListener('action:done', onDone);
    bus.removeEventListener('action:start', render);
  };
}
