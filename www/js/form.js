// Renders a FormDescription (from the wasm module's describeCreateForm/describeOperationForm)
// into accessible inputs, collects typed values, and shows validation issues on their fields.
// Nothing about a field (label, limits, choices, visibility) is written here.

import { h, uid, replace, formatDate } from './dom.js';
import { state } from './state.js';
import { t } from './i18n.js';

/** The value of the "Other…" option of a select that also takes a typed value. */
export const OTHER = '__other__';

/** Sets `obj[a][b][c] = value` for the path `a.b.c`. */
export function setPath(obj, path, value) {
  const parts = path.split('.');
  let cur = obj;
  parts.slice(0, -1).forEach((p) => {
    if (typeof cur[p] !== 'object' || cur[p] === null) cur[p] = {};
    cur = cur[p];
  });
  cur[parts[parts.length - 1]] = value;
}

/** Converts an issue path (`options.extensions_list[0].name`) to the field it belongs to. */
export function fieldForPath(fields, path) {
  let best = null;
  for (const name of fields.keys()) {
    if (path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`)) {
      if (!best || name.length > best.length) best = name;
    }
  }
  return best;
}

/** A date as the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/**
 * @param {object} desc FormDescription
 * @param {object} opts
 *   values: initial values by field name (text), context: operation context (visibility rules),
 *   choices: { [choicesFrom]: [{value, label}] } for dynamic selects,
 *   production: boolean (date window), onInput(name): called after each change.
 */
export function renderForm(desc, opts = {}) {
  const fields = new Map();
  const values = opts.values ?? {};
  const groups = new Map();
  const root = h('div', { class: 'form-body' });
  let built = false;

  const groupList = desc.groups.length ? desc.groups : [{ id: '', label: '' }];
  for (const g of groupList) {
    const body = h('div', { class: 'field-grid' });
    const el = g.label
      ? h('fieldset', { class: 'group', dataset: { group: g.id } }, h('legend', null, g.label), body)
      : h('div', { class: 'group', dataset: { group: g.id } }, body);
    groups.set(g.id, { el, body });
  }

  for (const field of desc.fields) {
    const id = uid(`f-${field.name.replace(/[^a-zA-Z0-9]/g, '-')}`);
    const helpId = `${id}-help`;
    const errId = `${id}-error`;
    const input = createInput(field, id, opts);
    input.setAttribute('aria-describedby', helpId);
    input.dataset.field = field.name;

    const labelText = [field.label, field.unit ? ` (${field.unit})` : ''];
    // A select of known values that also takes a typed one: the typed value has its own input.
    const other = field.kind === 'select' && field.otherAllowed
      ? h('input', {
        id: `${id}-other`, class: 'input input-other', type: 'text', autocomplete: 'off', spellcheck: 'false',
        dataset: { otherOf: field.name }, 'aria-describedby': helpId,
      })
      : null;
    const initial = values[field.name] ?? field.defaultValue;
    if (initial != null) writeValue(field, input, initial, other);
    const otherBlock = other
      ? h('div', { class: 'other', hidden: true }, h('label', { for: other.id, class: 'other-label' }, t('otherValue', { label: field.label })), other)
      : null;
    const requiredMark = field.required || field.requiredWhen
      ? h('span', { class: 'req', 'aria-hidden': 'true', title: t('required') }, ' *')
      : null;
    const error = h('div', { class: 'field-error', id: errId, hidden: true });
    const help = h('div', { class: 'help', id: helpId }, field.help);
    const datalist = field.suggestions?.length
      ? h('datalist', { id: `${id}-list` }, field.suggestions.map((s) => h('option', { value: s })))
      : null;
    if (datalist) input.setAttribute('list', `${id}-list`);

    let wrapper;
    if (field.kind === 'list') {
      // A group of checkboxes: its legend is the label, the group carries the ARIA state.
      input.prepend(h('legend', { class: 'list-legend' }, labelText, requiredMark));
      wrapper = h('div', { class: 'field field-list', dataset: { name: field.name } }, input, help, error);
    } else if (field.kind === 'checkbox') {
      wrapper = h('div', { class: 'field field-checkbox', dataset: { name: field.name } },
        h('div', { class: 'check' }, input, h('label', { for: id }, labelText, requiredMark)),
        help, error);
    } else {
      wrapper = h('div', { class: `field field-${field.kind}`, dataset: { name: field.name } },
        h('label', { for: id }, labelText, requiredMark), input, datalist, otherBlock, help, error);
    }
    if (field.kind === 'datetime' && field.window) {
      const win = windowFor(field.window, opts.production);
      input.min = toLocalInput(win.from);
      input.max = toLocalInput(win.to);
      help.append(' ', h('span', { class: 'window' },
        t('window', { from: formatDate(win.from.toISOString(), state.locale), to: formatDate(win.to.toISOString(), state.locale) })),
      // The picker reads local time: say which (the API gets UTC, T8).
      ' ', h('span', { class: 'time-zone' }, t('timeZone', { zone: Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC' })));
    }
    const entry = { field, input, wrapper, error, helpId, errId, touched: false, other, otherBlock };
    fields.set(field.name, entry);
    const onEdit = (e) => {
      if (other) {
        const typing = input.value === OTHER;
        const was = !otherBlock.hidden;
        otherBlock.hidden = !typing;
        // Choosing "Other…" moves to the new input at once.
        if (typing && !was && e?.isTrusted) other.focus();
      }
      updateVisibility();
      updateDependents(field.name);
      // Not while the form is being built (the caller does not have it yet).
      if (built) opts.onInput?.(field.name, e);
    };
    input.addEventListener('input', onEdit);
    input.addEventListener('change', onEdit);
    if (other) {
      other.addEventListener('input', onEdit);
      if (input.value === OTHER) otherBlock.hidden = false;
    }
    (groups.get(field.group) ?? groups.values().next().value).body.append(wrapper);
  }
  for (const { el, body } of groups.values()) if (body.childElementCount) root.append(el);

  /** Choices that depend on another field (the zones of the chosen area) follow its value. */
  function updateDependents(changed) {
    for (const entry of fields.values()) {
      const by = entry.field.choicesBy;
      if (!by || by.field !== changed) continue;
      const source = fields.get(by.field);
      const key = source ? String(readValue(source.field, source.input, source.other) ?? '') : '';
      const set = by.options.find((o) => o.when === key);
      setChoices(entry.field.name, set?.choices ?? [], { pickFirst: true });
    }
  }
  function condHolds(cond) {
    if (!cond) return true;
    if (cond.field) {
      const entry = fields.get(cond.field);
      if (!entry || entry.wrapper.hidden) return false;
      return String(readValue(entry.field, entry.input, entry.other)) === cond.equals;
    }
    if (cond.context) return String(opts.context?.[cond.context]) === cond.equals;
    return true;
  }

  function updateVisibility() {
    for (const entry of fields.values()) {
      const visible = condHolds(entry.field.visibleWhen);
      entry.wrapper.hidden = !visible;
      entry.input.disabled = !visible;
      if (entry.other) entry.other.disabled = !visible;
      const required = entry.field.required || (entry.field.requiredWhen && condHolds(entry.field.requiredWhen));
      // aria-required, not `required`: the page validates with the Rust rules, not the browser.
      // (Not on a checkbox group: aria-required is not allowed on role=group.)
      if (entry.field.kind !== 'list') entry.input.setAttribute('aria-required', required ? 'true' : 'false');
      entry.other?.setAttribute('aria-required', required ? 'true' : 'false');
    }
    for (const { el } of groups.values()) {
      const any = [...el.querySelectorAll('.field')].some((f) => !f.hidden);
      el.hidden = !any;
    }
  }
  updateVisibility();
  for (const name of fields.keys()) updateDependents(name);
  built = true;

  /** The request object: visible, filled fields only, typed per valueType. */
  function collect() {
    const out = {};
    for (const entry of fields.values()) {
      if (entry.wrapper.hidden) continue;
      const v = readValue(entry.field, entry.input, entry.other);
      if (v === null) continue;
      setPath(out, entry.field.name, v);
    }
    return out;
  }

  /** The typed value of one field; null when not filled. */
  function value(name) {
    const entry = fields.get(name);
    return entry ? readValue(entry.field, entry.input, entry.other) : null;
  }

  /** Raw texts by field name, to restore a form after a re-render. */
  function texts() {
    const out = {};
    for (const [name, entry] of fields) {
      if (entry.field.kind === 'checkbox') out[name] = String(entry.input.checked);
      else if (entry.other && entry.input.value === OTHER) out[name] = entry.other.value;
      else if (entry.field.kind !== 'list' && entry.field.kind !== 'password') out[name] = entry.input.value;
    }
    return out;
  }

  /**
   * Shows issues ({path, message}) on their fields; `only` limits the update to some fields.
   * Returns the issues no field could take.
   */
  function showIssues(issues, only) {
    const byField = new Map();
    const orphans = [];
    for (const issue of issues) {
      const name = fieldForPath(fields, issue.path);
      if (!name || fields.get(name).wrapper.hidden) orphans.push(issue);
      else byField.set(name, [...(byField.get(name) ?? []), issue]);
    }
    for (const [name, entry] of fields) {
      if (only && !only.includes(name)) continue;
      setFieldIssues(entry, byField.get(name) ?? []);
    }
    return orphans;
  }

  function setFieldIssues(entry, list) {
    const { error } = entry;
    // A typed value ("Other…") is what the messages are about.
    const input = entry.other && entry.input.value === OTHER ? entry.other : entry.input;
    if (input !== entry.input) {
      entry.input.removeAttribute('aria-invalid');
      entry.input.setAttribute('aria-describedby', entry.helpId);
    } else if (entry.other) {
      entry.other.removeAttribute('aria-invalid');
    }
    // Same messages for the same text: keep the nodes (a click on the fix button in progress
    // must not lose its target to a re-render triggered by the input's blur).
    const key = JSON.stringify([input.id, input.value, list.map((i) => i.message)]);
    if (entry.shownKey === key) return;
    entry.shownKey = key;
    if (!list.length) {
      input.removeAttribute('aria-invalid');
      input.setAttribute('aria-describedby', entry.helpId);
      error.hidden = true;
      replace(error);
      return;
    }
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', `${entry.helpId} ${entry.errId}`);
    error.hidden = false;
    replace(error, list.map((i) => h('p', null, i.message)));
    // C1: the reference's own example is uppercase; offer the value lowercased, without the
    // characters C1 refuses, and only when the same rules accept it.
    const raw = input.value;
    const lower = entry.field.lowercase && raw ? raw.toLowerCase().replace(/[^a-z0-9]/g, '') : '';
    if (lower && lower !== raw
      && !state.sdk.validateCreatePostgresqlField(entry.field.name, lower, null, { locale: state.locale }).length) {
      error.append(h('button', {
        type: 'button',
        class: 'link-button fix',
        onclick: () => {
          input.value = lower;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          input.focus();
        },
      }, t('useLowercase', { value: lower })));
    }
  }

  /** The first field showing an error, with `input` the element to focus. */
  function firstInvalid() {
    for (const entry of fields.values()) {
      if (entry.wrapper.hidden) continue;
      if (entry.input.getAttribute('aria-invalid') === 'true') return entry;
      if (entry.other?.getAttribute('aria-invalid') === 'true') return { ...entry, input: entry.other };
    }
    return null;
  }

  /**
   * Fills a dynamic select/list with choices [{value, label}]; `pickFirst` selects the first
   * choice when the current value is not among them (a default zone for a new area).
   */
  function setChoices(name, choices, { pickFirst = false } = {}) {
    const entry = fields.get(name);
    if (!entry) return;
    const { input, field, other } = entry;
    const keep = other && input.value === OTHER ? other.value : input.value;
    if (field.kind === 'select') {
      const options = choices.map((c) => h('option', { value: c.value }, c.label));
      const head = choices.length || !other ? h('option', { value: '' }, choices.length ? t('choose') : t('noChoices')) : null;
      replace(input, head, options, other ? h('option', { value: OTHER }, t('otherOption')) : null);
      if (choices.some((c) => String(c.value) === keep)) input.value = keep;
      else if (other && (keep || !choices.length) && !(pickFirst && choices.length)) {
        // A typed value stays typed; with nothing to choose from, typing is the only way.
        input.value = OTHER;
        other.value = keep;
      } else if (pickFirst && choices.length) input.value = choices[0].value;
      else input.value = '';
      if (other) entry.otherBlock.hidden = input.value !== OTHER;
    } else {
      const kept = new Set([...input.querySelectorAll('input:checked')].map((o) => o.value));
      replace(input.querySelector('.checklist-items'), listItems(input.id, choices, false));
      for (const box of input.querySelectorAll('input[type="checkbox"]')) box.checked = kept.has(box.value) && !box.disabled;
    }
    input.dispatchEvent(new Event('change'));
  }

  /** Issues in the order of the fields on the page (issues no field takes come last). */
  function sortIssues(issues) {
    const order = [...fields.keys()];
    const rank = (i) => {
      const name = fieldForPath(fields, i.path);
      return name ? order.indexOf(name) : order.length;
    };
    return [...issues].sort((a, b) => rank(a) - rank(b));
  }

  return { element: root, fields, collect, sortIssues, value, texts, showIssues, firstInvalid, setChoices, updateVisibility };
}

function createInput(field, id, opts) {
  const common = { id, name: field.name, class: 'input' };
  switch (field.kind) {
    case 'password':
      return h('input', { ...common, type: 'password', autocomplete: 'new-password', minlength: field.minLength, maxlength: field.maxLength });
    case 'number':
      return h('input', { ...common, type: 'number', inputmode: 'numeric', step: 1, min: field.min, max: field.max, placeholder: field.placeholder });
    case 'checkbox':
      return h('input', { id, name: field.name, type: 'checkbox', class: 'checkbox' });
    case 'datetime':
      return h('input', { ...common, type: 'datetime-local' });
    case 'select': {
      const choices = field.choices ?? [];
      const dynamic = opts.choices?.[field.choicesFrom];
      const list = field.choicesFrom ? (dynamic ?? []) : choices;
      const placeholder = field.choicesFrom || !field.defaultValue
        ? h('option', { value: '' }, field.choicesFrom && !dynamic ? t('loading') : t('choose'))
        : null;
      return h('select', common, placeholder, list.map((c) => h('option', { value: c.value }, c.label)),
        field.otherAllowed ? h('option', { value: OTHER }, t('otherOption')) : null);
    }
    case 'list': {
      const list = opts.choices?.[field.choicesFrom] ?? field.choices ?? [];
      return h('fieldset', { id, class: 'checklist', tabindex: -1 },
        h('div', { class: 'checklist-items' }, listItems(id, list, field.choicesFrom && !opts.choices?.[field.choicesFrom])));
    }
    default:
      return h('input', {
        ...common,
        type: 'text',
        autocomplete: 'off',
        spellcheck: 'false',
        minlength: field.minLength,
        maxlength: field.maxLength,
        placeholder: field.placeholder,
      });
  }
}

/** Checkbox items of a list field (a loading line while dynamic choices are fetched). */
function listItems(id, choices, pending) {
  if (pending) return h('p', { class: 'help' }, t('loading'));
  if (!choices.length) return h('p', { class: 'help' }, t('noChoices'));
  // A choice may carry a note (e.g. "needs a restart") and be already done (`disabled`).
  return choices.map((c, i) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', class: 'checkbox', id: `${id}-${i}`, value: c.value, disabled: c.disabled ? true : null }),
    h('label', { for: `${id}-${i}`, class: 'check-label' }, c.label,
      c.note ? h('span', { class: 'check-note' }, ` — ${c.note}`) : null)));
}

function writeValue(field, input, text, other) {
  if (field.kind === 'checkbox') input.checked = text === 'true' || text === true;
  else if (other) {
    const known = [...input.options].some((o) => o.value === String(text) && o.value !== OTHER && o.value !== '');
    if (known) input.value = String(text);
    else if (text !== '' && text != null) { input.value = OTHER; other.value = text; }
  } else if (field.kind !== 'list') input.value = text;
}

function readValue(field, input, other) {
  if (other && input.value === OTHER) {
    const v = other.value.trim();
    if (v === '') return null;
    if (field.valueType === 'integer') {
      const n = Number(v);
      return Number.isFinite(n) && /^-?\d+$/.test(v) ? n : v;
    }
    return v;
  }
  switch (field.kind) {
    case 'checkbox':
      return input.checked;
    case 'list': {
      const picked = [...input.querySelectorAll('input[type="checkbox"]:checked')].map((o) => o.value);
      if (!picked.length) return null;
      return field.itemKey ? picked.map((v) => ({ [field.itemKey]: v })) : picked;
    }
    case 'datetime': {
      if (!input.value) return null;
      const d = new Date(input.value);
      return Number.isNaN(d.getTime()) ? input.value : d.toISOString();
    }
    case 'number': {
      if (input.value === '') return input.validity?.badInput ? 'invalid' : null;
      return Number(input.value);
    }
    default: {
      const v = input.value;
      if (v === '') return null;
      if (field.valueType === 'integer') {
        const n = Number(v);
        return Number.isFinite(n) ? n : v;
      }
      if (field.valueType === 'boolean') return v === 'true';
      return v;
    }
  }
}

/** The allowed window of a date-time field (O3), ending now. */
export function windowFor(window, production) {
  const days = production === false ? window.maxAgeDays : window.productionMaxAgeDays;
  const to = new Date();
  const from = new Date(to.getTime() - days * 86400000);
  return { from, to, days };
}
