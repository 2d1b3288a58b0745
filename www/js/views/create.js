// Create view: the form comes from describeCreateForm, every keystroke is checked with
// validateCreatePostgresqlField (with the whole request for cross-field rules such as C9), the
// submit runs validateCreatePostgresql and is sent only when no issue is left; a 400 from the
// server (T6) is put back on its field.

import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { state } from '../state.js';
import { renderForm } from '../form.js';
import { errorBanner } from '../ui.js';
import { track } from '../actions.js';

export function createView(root) {
  const { sdk } = state;
  const locale = state.locale;
  const desc = sdk.describeCreateForm(locale);
  const summary = h('div', { class: 'summary-slot' });
  const banner = h('div', { class: 'banner-slot' });
  const form = renderForm(desc, {
    values: state.createDraft,
    onInput: (name) => {
      state.createDraft = form.texts();
      validateField(name);
      // A change of topology changes which fields are required (C9): re-check touched ones.
      for (const [other, entry] of form.fields) if (other !== name && entry.touched) validateField(other);
    },
  });

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
    entry.input.addEventListener('blur', () => {
      if (entry.input.value !== '' || entry.touched) {
        entry.touched = true;
        validateField(entry.field.name);
      }
    });
  }

  const submit = h('button', { type: 'submit', class: 'button button-primary' }, desc.submitLabel);
  const formEl = h('form', { class: 'form', novalidate: true, onsubmit: (e) => { e.preventDefault(); send(); } },
    summary, banner, form.element,
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
      return h('li', null, entry
        ? h('a', {
          href: `#${entry.input.id}`,
          onclick: (e) => { e.preventDefault(); entry.input.focus(); },
        }, `${label}: ${issue.message}`)
        : `${label}: ${issue.message}`);
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
      track(action, { label: t('labelCreate', { name: request.name }), resourceName: request.name });
      location.hash = '#/instances';
    } catch (err) {
      const serverIssues = issuesFromError(err);
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

/** A 400 naming a field (T6) or a client-side ValidationError, as issues; null otherwise. */
export function issuesFromError(err) {
  if (err?.name === 'ValidationError' && Array.isArray(err.issues) && err.issues.length) return err.issues;
  if (err?.name === 'ApiError' && (err.path || err.errorDesc)) {
    return [{ path: err.path || err.errorDesc, message: t('serverFieldError', { message: err.errorMessage || err.message }), code: err.errorCode ?? 'server' }];
  }
  return null;
}
