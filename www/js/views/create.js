// Create view: the form comes from describeCreateForm (choices, defaults, labels and rules all
// from the wasm module); the services and networks of the user's own instances are offered by
// name. A field is checked with validateCreatePostgresqlField once it is left (or changed, for a
// select), the submit runs validateCreatePostgresql and sends only when no issue is left; a
// refusal of the server (T5/T6) is explained in the user's language on the field it concerns.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { state } from '../state.js';
import { renderForm, OTHER } from '../form.js';
import { errorBanner, issuesFromError } from '../ui.js';
import { track } from '../actions.js';

/** The services and networks of the instances the user can see, for the create form's choices. */
async function knownPlaces() {
  const all = await state.client.listAllPostgresql();
  const list = Array.isArray(all) ? all : (all?.content ?? []);
  const services = new Map();
  const networks = new Map();
  for (const i of list) {
    if (i.serviceId != null && !services.has(i.serviceId)) {
      services.set(i.serviceId, { value: String(i.serviceId), label: `${i.serviceName ?? i.serviceKey ?? t('serviceN')} (#${i.serviceId})` });
    }
    const id = i.network?.id ?? i.networkId;
    if (id != null && !networks.has(id)) {
      const n = i.network ?? {};
      const name = n.shortDescription ?? n.description ?? n.networkShortDescription ?? t('networkN');
      networks.set(id, {
        value: String(id),
        label: [name, n.cidr, `#${id}`].filter(Boolean).join(' · '),
        area: n.area ?? i.area ?? i.labelArea ?? null,
      });
    }
  }
  const byLabel = (a, b) => a.label.localeCompare(b.label);
  return { services: [...services.values()].sort(byLabel), networks: [...networks.values()].sort(byLabel) };
}

export function createView(root) {
  const { sdk } = state;
  const locale = state.locale;
  const desc = sdk.describeCreateForm(locale);
  const summary = h('div', { class: 'summary-slot' });
  const banner = h('div', { class: 'banner-slot' });
  let networks = null;
  const form = renderForm(desc, {
    values: state.createDraft,
    onInput: (name, e) => {
      state.createDraft = form.texts();
      const entry = form.fields.get(name);
      // Errors appear once a field is left; while typing, a shown error is only updated (so it
      // goes away as soon as the value is right). A select is "left" when its value changes.
      const isSelect = entry && e?.isTrusted && e.target === entry.input && entry.field.kind !== 'text' && entry.field.kind !== 'number' && entry.field.kind !== 'password';
      if (isSelect && entry.input.value !== OTHER) entry.touched = true;
      if (entry?.touched) validateField(name);
      if (name === 'area' && networks) offerNetworks();
      // A change of topology changes which fields are required (C9): re-check touched ones.
      for (const [other, o] of form.fields) if (other !== name && o.touched) validateField(other);
    },
  });

  function offerNetworks() {
    const area = form.value('area');
    form.setChoices('networkId', networks.filter((n) => !n.area || !area || n.area === area));
  }

  function validateField(name) {
    const entry = form.fields.get(name);
    if (!entry || entry.wrapper.hidden) {
      form.showIssues([], [name]);
      return;
    }
    const issues = sdk.validateCreatePostgresqlField(name, form.value(name), form.collect(), { locale });
    form.showIssues(issues, [name]);
    if (summary.childElementCount) refreshSummary();
  }

  function refreshSummary() {
    const issues = sdk.validateCreatePostgresql(form.collect(), { locale });
    if (!issues.length) replace(summary);
  }

  for (const entry of form.fields.values()) {
    for (const el of [entry.input, entry.other].filter(Boolean)) {
      el.addEventListener('blur', () => {
        if (el.value !== '' || entry.touched) {
          entry.touched = true;
          validateField(entry.field.name);
        }
      });
    }
  }

  const choicesNote = h('div', { class: 'choices-slot' });
  function loadPlaces() {
    knownPlaces().then((known) => {
      replace(choicesNote);
      form.setChoices('serviceId', known.services);
      networks = known.networks;
      offerNetworks();
    }).catch(() => {
      // Without the list, ids are typed (the selects fall back to "Other"), and the page says so.
      form.setChoices('serviceId', []);
      networks = [];
      offerNetworks();
      replace(choicesNote, h('div', { class: 'banner banner-warning choices-note', role: 'status' },
        h('p', null, t('choicesUnavailable')),
        h('div', { class: 'banner-actions' }, h('button', { type: 'button', class: 'button', onclick: loadPlaces }, t('retry')))));
    });
  }
  loadPlaces();

  const submit = h('button', { type: 'submit', class: 'button button-primary' }, desc.submitLabel);
  const formEl = h('form', { class: 'form', novalidate: true, onsubmit: (e) => { e.preventDefault(); send(); } },
    summary, banner, choicesNote, form.element,
    h('div', { class: 'form-actions' },
      submit,
      h('a', { class: 'button button-ghost', href: '#/instances' }, t('createCancel'))));

  replace(root,
    h('div', { class: 'page page-form' },
      h('h1', { tabindex: -1 }, desc.title),
      h('p', { class: 'lead' }, desc.description),
      formEl));

  function showSummary(issues, title) {
    const items = form.sortIssues(issues).map((issue) => {
      const entry = form.fields.get(issue.path) ?? [...form.fields.values()].find((e) => issue.path.startsWith(e.field.name));
      const label = entry ? entry.field.label : issue.path;
      const target = entry && entry.other && entry.input.value === OTHER ? entry.other : entry?.input;
      return h('li', null, entry
        ? h('a', {
          href: `#${target.id}`,
          onclick: (e) => { e.preventDefault(); target.focus(); },
        }, t('labelled', { label, message: issue.message }))
        : t('labelled', { label, message: issue.message }));
    });
    replace(summary, h('div', { class: 'banner banner-error summary', role: 'alert', id: 'create-summary' },
      h('p', null, h('strong', null, title ?? t('summaryTitle', { count: issues.length }))),
      h('ul', null, items)));
  }

  async function send() {
    replace(banner);
    const request = form.collect();
    const issues = sdk.validateCreatePostgresql(request, { locale });
    for (const entry of form.fields.values()) entry.touched = true;
    form.showIssues(issues);
    if (issues.length) {
      showSummary(issues);
      form.firstInvalid()?.input.focus();
      return;
    }
    replace(summary);
    submit.disabled = true;
    submit.textContent = t('creating');
    try {
      const action = await state.client.createPostgresql(request);
      state.createDraft = {};
      track(action, { label: t('labelCreate', { name: request.name }), op: 'create', resourceName: request.name });
      location.hash = '#/instances';
    } catch (err) {
      const serverIssues = issuesFromError(err, 'create');
      if (serverIssues) {
        form.showIssues(serverIssues);
        showSummary(serverIssues, t('serverRejected'));
        form.firstInvalid()?.input.focus();
      } else {
        replace(banner, errorBanner(err, send));
        banner.querySelector('button')?.focus();
      }
    } finally {
      submit.disabled = false;
      submit.textContent = desc.submitLabel;
    }
  }
}
