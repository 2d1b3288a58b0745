// Instance list: paginated (T7/L1), status badges, open by id (when the server has no list).

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { state, bus } from '../state.js';
import { badge, errorBanner, loading, empty, table } from '../ui.js';

const PAGE_SIZE = 10;

export function listView(root, params) {
  const page = Math.max(0, Number.parseInt(params.get('page') ?? '0', 10) || 0);
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

  replace(root,
    h('div', { class: 'page' },
      h('div', { class: 'page-head' },
        h('div', null, h('h1', { tabindex: -1 }, t('listTitle')), h('p', { class: 'lead' }, t('listLead'))),
        h('div', { class: 'page-actions' },
          h('button', { type: 'button', class: 'button button-ghost', onclick: () => load() }, t('refresh')),
          h('a', { class: 'button button-primary', href: '#/create' }, t('navCreate')))),
      h('section', { class: 'card card-tight', 'aria-label': t('openById') }, openForm),
      body));

  async function load() {
    body.setAttribute('aria-busy', 'true');
    if (!body.childElementCount) replace(body, loading(t('loadingInstances')));
    try {
      const result = await state.client.listPostgresql({ page, size: PAGE_SIZE });
      render(result);
    } catch (err) {
      if (err?.name === 'NotFoundError' || err?.status === 405) {
        replace(body, empty(t('noListTitle'), t('noListBody')));
      } else {
        replace(body, errorBanner(err, load));
      }
    } finally {
      body.setAttribute('aria-busy', 'false');
    }
  }

  function render(result) {
    // Spring page (T7) or bare array (L1).
    const items = Array.isArray(result) ? result : (result?.content ?? []);
    const totalPages = Array.isArray(result) ? 1 : (result?.totalPages ?? 1);
    const total = Array.isArray(result) ? result.length : (result?.totalElements ?? items.length);
    if (!items.length && page === 0) {
      replace(body, empty(t('emptyTitle'), t('emptyBody'), h('a', { class: 'button button-primary', href: '#/create' }, t('navCreate'))));
      return;
    }
    const cols = [
      { label: t('colName'), cell: (i) => h('a', { href: `#/instances/${encodeURIComponent(i.id)}` }, i.name ?? `#${i.id}`) },
      { label: t('colId'), cell: (i) => String(i.id ?? '—'), className: 'num hide-sm' },
      { label: t('colStatus'), cell: (i) => badge(i.status) },
      { label: t('colTopology'), cell: (i) => i.topology },
      { label: t('colVersion'), cell: (i) => i.version ?? i.productVersion },
      { label: t('colSizing'), cell: (i) => i.nodeSizing ?? i.sizing, className: 'hide-sm' },
      { label: t('colArea'), cell: (i) => i.area ?? i.labelArea, className: 'hide-sm' },
    ];
    const pager = h('nav', { class: 'pager', 'aria-label': t('pageOf', { page: page + 1, pages: totalPages, total }) },
      h('a', {
        class: 'button button-ghost',
        href: page > 0 ? `#/instances?page=${page - 1}` : null,
        'aria-disabled': page > 0 ? null : 'true',
      }, t('previous')),
      h('span', { class: 'pager-info' }, t('pageOf', { page: page + 1, pages: Math.max(1, totalPages), total })),
      h('a', {
        class: 'button button-ghost',
        href: page + 1 < totalPages ? `#/instances?page=${page + 1}` : null,
        'aria-disabled': page + 1 < totalPages ? null : 'true',
      }, t('next')));
    replace(body, table(t('listTitle'), cols, items), pager);
  }

  const onDone = () => load();
  bus.addEventListener('action:done', onDone);
  load();
  return () => bus.removeEventListener('action:done', onDone);
}
