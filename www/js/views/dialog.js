// Operation dialogs: the form comes from describeOperationForm, values are checked with
// validatePostgresqlOperation against the instance (context), the confirmation the description
// asks for is in proportion to the risk (a tick for stop/resize, the name instead on a production
// or HA instance, the target version for an upgrade, the instance name for restore and delete),
// the submit button stays disabled until it is given and says why, and the accepted action (202)
// is followed by the tracker. A form that edits a setting opens with the instance's current value.

import { h, replace } from '../dom.js';
import { t, statusLabel } from '../i18n.js';
import { state } from '../state.js';
import { renderForm, fieldForPath } from '../form.js';
import { errorBanner, issuesFromError } from '../ui.js';
import { track } from '../actions.js';

/** The operation context of `instance` (what the operation rules check it against). */
export function operationContext(instance, { versions, nodeCount } = {}) {
  // The core's one reading of the instance's facts (production, node count, version).
  const base = state.sdk.operationContextFromInstance(instance);
  return {
    ...base,
    ...(versions !== undefined ? { versions } : {}),
    ...(nodeCount !== undefined ? { nodeCount } : {}),
  };
}

/** The current setting of the instance as initial values of a form that changes it (O5). */
function currentValues(op, instance) {
  if (op !== 'update_patch_party') return {};
  const pp = instance.patchParty ?? {};
  return {
    'options.patchParty.excluded': String(pp.excluded === true),
    'options.patchParty.exclusionReason': pp.exclusionReason ?? '',
    'options.patchParty.patchGroup': pp.patchGroup ?? '',
  };
}

/**
 * Why `source` cannot be restored into `target`, in the user's language; [] when it can. O3: both
 * ACTIVE and the source backed up; the API also wants the same major version (read by the core's
 * `operationContextFromInstance`). The instance itself is a source (a point-in-time restore).
 */
export function restoreSourceProblems(target, source) {
  const major = (i) => state.sdk.operationContextFromInstance(i).majorVersion;
  const name = source.name ?? `#${source.id}`;
  const active = (i) => String(i.status ?? '').toUpperCase() === 'ACTIVE';
  const out = [];
  if (!active(target)) out.push(t('restoreTargetState', { status: statusLabel(target.status) }));
  if (!active(source)) out.push(t('restoreSourceState', { name, status: statusLabel(source.status) }));
  if (source.backupStatus !== true) out.push(t('restoreSourceBackup', { name }));
  if (major(source) !== major(target)) {
    out.push(t('restoreSourceVersion', { name, source: major(source) ?? '?', target: major(target) ?? '?' }));
  }
  return out;
}

const LOADERS = {
  // Only the sources the rules accept, the instance itself first; `hidden` counts the others.
  instances: async (instance) => {
    const all = await state.client.listAllPostgresql();
    const list = Array.isArray(all) ? all : (all?.content ?? []);
    const self = String(instance.id);
    const others = list.filter((i) => String(i.id) !== self);
    const fit = others.filter((i) => !restoreSourceProblems(instance, i).length);
    const choices = [
      ...(restoreSourceProblems(instance, instance).length ? [] : [{ value: self, label: t('restoreSelf', { name: instance.name ?? `#${self}` }) }]),
      ...fit.map((i) => ({ value: String(i.id), label: `${i.name ?? '?'} (#${i.id}, ${statusLabel(i.status)})` })),
    ];
    choices.hidden = others.length - fit.length;
    return choices;
  },
  versions: async (instance) => (await state.client.listPostgresqlVersions(instance.id))
    .map((v) => ({ value: String(v), label: `PostgreSQL ${v}` })),
  databases: async (instance) => (await state.client.listPostgresqlDatabases(instance.id))
    .map((d) => ({ value: d.name, label: d.name })),
  // Each extension says whether it needs a restart; `installed` lists, per database, what is
  // already there (marked and not offered again once the database is chosen).
  extensions: async (instance) => {
    const [exts, dbs] = await Promise.all([
      state.client.listPostgresqlExtensions(instance.id),
      state.client.listPostgresqlDatabases(instance.id).catch(() => []),
    ]);
    const choices = exts.map((e) => ({
      value: e.name,
      label: e.version ? `${e.name} ${e.version}` : e.name,
      restart: e.requiresRestarting === true,
    }));
    choices.installed = new Map(dbs.map((d) => [d.name, new Set((d.extensions ?? []).map((x) => x.name))]));
    return choices;
  },
};

/**
 * Opens the dialog of `op` for `instance`. opts: { opener, preset: {field: text}, versions, nodeCount }.
 */
export function openOperationDialog(op, instance, opts = {}) {
  const { sdk } = state;
  const locale = state.locale;
  const desc = sdk.describeOperationForm(op, locale);
  if (!desc) return;
  const context = operationContext(instance, { versions: opts.versions, nodeCount: opts.nodeCount });
  const titleId = `dlg-title-${op}`;
  const summary = h('div', { class: 'summary-slot' });
  const banner = h('div', { class: 'banner-slot' });
  const stateNote = h('div', { class: 'state-slot' });
  const form = renderForm(desc, {
    values: { ...currentValues(op, instance), ...opts.preset },
    context,
    production: context.production,
    onInput: (name, e) => {
      // A server refusal is about the values sent: it goes once they change.
      replace(banner);
      const entry = form.fields.get(name);
      // Errors show once a field is left; a choice (select, box, date) is made when changed.
      if (entry && e?.isTrusted && e.target === entry.input && entry.field.kind !== 'text' && entry.field.kind !== 'number') entry.touched = true;
      validate(entry?.touched ? [name] : []);
      if (desc.confirm?.kind === 'targetVersion') updateConfirmLabel();
      if (name === 'options.dbname') markExtensions();
    },
  });

  /** The extension choices with their notes for the chosen database (installed, restart). */
  let extensionChoices = null;
  function markExtensions() {
    if (!extensionChoices) return;
    const installed = extensionChoices.installed?.get(form.value('options.dbname')) ?? new Set();
    form.setChoices('options.extensions_list', extensionChoices.map((c) => {
      const done = installed.has(c.value);
      const note = done ? t('extInstalled') : (c.restart ? t('extRestart') : null);
      return { ...c, note, disabled: done };
    }));
  }

  // One pattern: the submit button stays disabled until the confirmation is given, and says why.
  // A tick becomes a typed name where the instance facts say production or HA.
  const strong = desc.confirm?.kind === 'acknowledge'
    && (context.production === true || String(instance.topology ?? '').toUpperCase() === 'HA');
  const confirm = strong
    ? { kind: 'typeName', label: `${desc.confirm.label} ${t('confirmStrong')}` }
    : desc.confirm;
  let confirmInput = null;
  let confirmError = null;
  let confirmLabel = null;
  /** The target version the upgrade confirmation names (the label follows the selection). */
  const targetVersion = () => (confirm?.kind === 'targetVersion' ? (form.value('options.targetVersion') ?? '') : '');
  function updateConfirmLabel() {
    const version = targetVersion();
    replace(confirmLabel, version ? confirm.label.replace('{version}', version) : t('confirmVersionPick'));
    // A tick given for another version does not count for this one.
    if (confirmInput.dataset.version !== version) confirmInput.checked = false;
    confirmInput.dataset.version = version;
    confirmInput.disabled = !version;
    updateSubmit();
  }
  if (confirm) {
    const id = `confirm-${op}`;
    confirmError = h('div', { class: 'field-error', id: `${id}-error`, hidden: true });
    if (confirm.kind === 'typeName') {
      confirmInput = h('input', { id, class: 'input', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': `${id}-hint` });
      confirmInput.addEventListener('input', () => updateSubmit());
    } else {
      confirmInput = h('input', { id, type: 'checkbox', class: 'checkbox' });
      confirmInput.addEventListener('change', () => updateSubmit());
    }
    confirmLabel = h('label', { for: id }, confirm.label);
    confirmInput.dataset.confirm = confirm.kind;
  }
  const confirmed = () => {
    if (!confirmInput) return true;
    if (confirm.kind === 'typeName') return confirmInput.value === String(instance.name ?? '');
    if (confirm.kind === 'targetVersion') return confirmInput.checked && confirmInput.dataset.version === targetVersion() && targetVersion() !== '';
    return confirmInput.checked;
  };

  const whyId = `why-${op}`;
  const why = h('p', { class: 'help submit-why', id: whyId, 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: `button ${desc.irreversible ? 'button-danger' : 'button-primary'}`, 'aria-describedby': whyId }, desc.submitLabel);
  const cancel = h('button', { type: 'button', class: 'button button-ghost', onclick: () => close() }, t('cancel'));
  const confirmBlock = confirm
    ? h('div', { class: 'confirm' },
      confirm.kind === 'typeName'
        ? [confirmLabel,
          h('p', { class: 'help', id: `${confirmInput.id}-hint` }, t('confirmNameHint', { name: instance.name ?? '' })),
          confirmInput]
        : h('div', { class: 'check' }, confirmInput, confirmLabel),
      confirmError)
    : null;

  const formEl = h('form', { method: 'dialog', class: 'dialog-form', novalidate: true, onsubmit: (e) => { e.preventDefault(); send(); } },
    h('header', { class: 'dialog-head' },
      h('h2', { id: titleId }, desc.title),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': t('close'), onclick: () => close() }, '×')),
    h('div', { class: 'dialog-body' },
      h('p', { class: 'dialog-subject' }, h('strong', null, instance.name ?? `#${instance.id}`), ` · #${instance.id}`),
      h('p', null, desc.description),
      desc.irreversible ? h('p', { class: 'banner banner-warning' }, t('irreversible')) : null,
      stateNote, summary, banner,
      form.element,
      confirmBlock),
    h('footer', { class: 'dialog-foot' }, why, cancel, submit));

  const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, dataset: { operation: op } }, formEl);
  dialog.addEventListener('close', () => {
    dialog.remove();
    opts.opener?.focus();
  });
  document.body.append(dialog);
  dialog.showModal();
  (form.fields.values().next().value?.input ?? confirmInput ?? cancel).focus();

  // Dynamic choices (source instances, versions, databases, extensions).
  for (const entry of form.fields.values()) {
    const source = entry.field.choicesFrom;
    if (!source || !LOADERS[source]) continue;
    LOADERS[source](instance)
      .then((choices) => {
        if (source === 'versions') context.versions = choices.map((c) => Number(c.value));
        if (source === 'instances') sourcePicker(entry, choices);
        if (source === 'extensions') {
          extensionChoices = choices;
          markExtensions();
        } else form.setChoices(entry.field.name, choices);
        if (opts.preset?.[entry.field.name] != null) {
          entry.input.value = opts.preset[entry.field.name];
          entry.input.dispatchEvent(new Event('change'));
        }
        validate([]);
      })
      .catch((err) => replace(banner, errorBanner(err)));
  }

  /** A search box over the source choices, and how many instances are not offered. */
  function sourcePicker(entry, choices) {
    const id = `${entry.input.id}-search`;
    const search = h('input', { id, class: 'input source-search', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: t('searchSources'), 'aria-controls': entry.input.id });
    search.addEventListener('input', () => {
      const q = search.value.trim().toLowerCase();
      form.setChoices(entry.field.name, q ? choices.filter((c) => c.label.toLowerCase().includes(q) || c.value.includes(q)) : choices);
    });
    entry.input.before(h('label', { for: id, class: 'sr-only' }, t('searchSources')), search);
    if (choices.hidden) entry.input.after(h('p', { class: 'help source-hidden' }, t('sourcesHidden', { count: choices.hidden })));
  }

  /** A 422 (T5, empty body): what the rules say is wrong now, re-read from the API. */
  async function refusal(err) {
    let reasons = [];
    if (op === 'restore') {
      const sourceId = form.value('options.sourceId');
      const [target, source] = await Promise.all([
        state.client.getPostgresql(instance.id).catch(() => instance),
        sourceId ? state.client.getPostgresql(sourceId).catch(() => null) : null,
      ]);
      if (source) reasons = restoreSourceProblems(target, source);
    }
    const own = err?.errorMessage ? ` ${t('apiSaid', { message: err.errorMessage })}` : '';
    return h('div', { class: 'banner banner-error', role: 'alert' },
      h('p', null, reasons.length ? t('restoreRefused', { reasons: reasons.join(' ') }) + own : t('errState') + own));
  }

  function body() {
    const values = form.collect();
    return desc.fields.length ? { operation: op, options: values.options ?? {} } : { operation: op };
  }

  /** Runs the operation rules; shows issues on `only` fields (touched ones) and instance-level ones. */
  function validate(only) {
    if (op === 'delete') return [];
    const issues = sdk.validatePostgresqlOperation(body(), context, { locale });
    const touched = [...form.fields.entries()].filter(([, e]) => e.touched).map(([n]) => n);
    const orphans = form.showIssues(issues, [...new Set([...(only ?? []), ...touched])]);
    // Issues about the instance itself (O4 topology/version, P4) are shown at once.
    const stateIssues = orphans.filter((i) => i.code === 'state' || i.path === 'operation');
    replace(stateNote, stateIssues.length
      ? h('div', { class: 'banner banner-warning', role: 'status' }, stateIssues.map((i) => h('p', null, i.message)))
      : null);
    // A summary shown by a submit follows the fixes: it lists what is still wrong, or goes.
    if (summary.childElementCount) renderSummary(issues);
    updateSubmit(issues);
    return issues;
  }

  function renderSummary(issues) {
    if (!issues.length) {
      replace(summary);
      return;
    }
    replace(summary, h('div', { class: 'banner banner-error summary', role: 'alert' },
      h('p', null, h('strong', null, t('summaryTitle', { count: issues.length }))),
      h('ul', null, form.sortIssues(issues).map((i) => {
        const entry = form.fields.get(fieldForPath(form.fields, i.path));
        return h('li', null, entry ? t('labelled', { label: entry.field.label, message: i.message }) : i.message);
      }))));
  }

  function updateSubmit(issues) {
    const list = issues ?? (op === 'delete' ? [] : sdk.validatePostgresqlOperation(body(), context, { locale }));
    const blocked = list.some((i) => i.code === 'state');
    submit.disabled = blocked || !confirmed();
    let reason = '';
    if (blocked) reason = t('whyState', { action: desc.submitLabel });
    else if (!confirmed()) {
      reason = confirm.kind === 'typeName'
        ? t('whyTypeName', { name: instance.name ?? '', action: desc.submitLabel })
        : t('whyTick', { action: desc.submitLabel });
    }
    if (why.textContent !== reason) replace(why, reason);
    if (confirmError && confirmed()) { confirmError.hidden = true; confirmInput.removeAttribute('aria-invalid'); }
  }

  async function send() {
    replace(banner);
    for (const entry of form.fields.values()) entry.touched = true;
    const issues = validate([]);
    if (issues.length) {
      renderSummary(issues);
      (form.firstInvalid()?.input ?? summary).focus?.();
      return;
    }
    if (!confirmed()) {
      confirmError.hidden = false;
      replace(confirmError, h('p', null, confirm.kind === 'typeName' ? t('nameMismatch') : t('confirmRequired')));
      confirmInput.setAttribute('aria-invalid', 'true');
      confirmInput.setAttribute('aria-describedby', `${confirmError.id}`);
      confirmInput.focus();
      return;
    }
    submit.disabled = true;
    try {
      const action = op === 'delete'
        ? await state.client.deletePostgresql(instance.id)
        : await state.client.updatePostgresql(instance.id, body());
      track(action, {
        label: t('labelOp', { op: desc.title, name: instance.name ?? `#${instance.id}` }),
        op,
        resourceId: instance.id,
        resourceName: instance.name,
      });
      opts.onAccepted?.(action);
      close();
    } catch (err) {
      const serverIssues = issuesFromError(err);
      if (serverIssues) {
        const orphans = form.showIssues(serverIssues);
        replace(summary, h('div', { class: 'banner banner-error summary', role: 'alert' },
          h('p', null, h('strong', null, t('serverRejected'))),
          h('ul', null, (orphans.length ? orphans : serverIssues).map((i) => h('li', null, i.message)))));
        form.firstInvalid()?.input.focus();
      } else if (err?.status === 422) {
        // The state refused it: sending the same again can only fail, so no Retry.
        replace(banner, await refusal(err));
      } else {
        replace(banner, errorBanner(err, send));
      }
      submit.disabled = false;
    }
  }

  function close() {
    if (dialog.open) dialog.close();
  }

  for (const entry of form.fields.values()) {
    for (const el of [entry.input, entry.other].filter(Boolean)) {
      el.addEventListener('blur', () => {
        if (el.value === '' && !entry.touched) return;
        entry.touched = true;
        validate([entry.field.name]);
      });
    }
  }
  if (confirm?.kind === 'targetVersion') updateConfirmLabel();
  validate([]);
  updateSubmit();
  return dialog;
}
