// Follows asynchronous actions (A1/A2) with the client's waiter: a progress bar, the live status,
// the elapsed time, a way to stop waiting and a notification at the end. Running action ids
// (never tokens) are kept in localStorage so a reload resumes them. When the API cannot be
// reached the card says so (the status is unknown, not IN_PROGRESS) and following resumes by
// itself once the API answers again.

import { h, replace, formatElapsed } from './dom.js';
import { t, errorMessage } from './i18n.js';
import { state, emit, bus, setConn } from './state.js';
import { badge, toast } from './ui.js';

const KEY = 'itcare.runningActions';
const running = new Map(); // action id -> { controller, card, timer, entry, lost }

function readStored() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter((a) => a && (typeof a.id === 'number' || typeof a.id === 'string')) : [];
  } catch {
    return [];
  }
}

function writeStored(list) {
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    /* storage disabled: progress just won't survive a reload */
  }
}

function remember(entry) {
  writeStored([...readStored().filter((a) => String(a.id) !== String(entry.id)), entry]);
}

function forget(id) {
  writeStored(readStored().filter((a) => String(a.id) !== String(id)));
}

function panel() {
  return document.getElementById('activity');
}

function updatePanel() {
  const el = panel();
  if (el) el.hidden = running.size === 0;
}

/**
 * Starts following an action the API accepted (202).
 * meta: { label, op?, resourceId?, resourceName? }
 */
export function track(action, meta) {
  if (!action || action.id == null) return;
  const entry = {
    id: action.id,
    label: meta.label,
    op: meta.op ?? null,
    resourceId: meta.resourceId ?? null,
    resourceName: meta.resourceName ?? action.resourceName ?? null,
    startedAt: meta.startedAt ?? Date.now(),
  };
  remember(entry);
  follow(entry, action, Boolean(meta.resumed));
}

/** Resumes every action stored by a previous page (after sign-in). */
export function resumeAll() {
  for (const entry of readStored()) {
    if (!running.has(String(entry.id))) follow(entry, null, true);
  }
}

/** Ids of actions being followed (tests and views). */
export function runningIds() {
  return [...running.keys()];
}

/** The followed action running on an instance (by id or name), or null. */
export function runningOn(instance) {
  for (const { entry } of running.values()) {
    if ((entry.resourceId != null && String(entry.resourceId) === String(instance?.id))
      || (entry.resourceName && entry.resourceName === instance?.name)) return entry;
  }
  return null;
}

// While the API is unreachable every card says so; when it answers again, lost waits restart.
bus.addEventListener('conn', (e) => {
  const down = e.detail?.conn === 'down';
  for (const [id, item] of running) {
    item.card.classList.toggle('action-lost', down);
    item.showLost(down);
    if (!down && item.lost) {
      finish(id);
      follow(readStored().find((a) => String(a.id) === id) ?? item.entry, null, false);
    }
  }
});

function follow(entry, action, resumed) {
  const client = state.client;
  if (!client) return;
  const id = String(entry.id);
  const controller = new AbortController();
  const status = h('span', { class: 'action-status' }, badge(action?.status ?? 'IN_PROGRESS'));
  const message = h('span', { class: 'action-message' }, action?.message ?? '');
  const elapsed = h('span', { class: 'action-elapsed' });
  const progress = h('progress', { class: 'action-progress', 'aria-label': entry.label });
  const card = h('div', { class: 'action-card', dataset: { actionId: id } },
    h('div', { class: 'action-head' },
      h('strong', { class: 'action-label' }, entry.label),
      resumed ? h('span', { class: 'action-resumed' }, t('resumed')) : null),
    progress,
    h('div', { class: 'action-meta', 'aria-live': 'polite' }, status, ' ', message, ' ', elapsed),
    h('button', {
      type: 'button',
      class: 'button button-small button-ghost',
      onclick: () => {
        controller.abort();
        finish(id);
        forget(id);
        toast(t('stoppedWaiting', { label: entry.label }), 'info');
      },
    }, t('stopWaiting')));
  const tick = () => replace(elapsed, t('elapsed', { time: formatElapsed(Date.now() - entry.startedAt) }));
  tick();
  const timer = setInterval(tick, 1000);
  const lostNote = h('span', { class: 'action-lost-note', hidden: true }, badge('UNKNOWN', t('actionLost')));
  status.after(lostNote);
  const item = {
    controller, card, timer, entry, lost: false,
    showLost: (down) => {
      status.hidden = down;
      message.hidden = down;
      elapsed.hidden = down;
      lostNote.hidden = !down;
    },
  };
  running.set(id, item);
  if (state.conn === 'down') item.showLost(true);
  panel()?.querySelector('.action-list')?.append(card);
  updatePanel();
  emit('action:start', { entry });

  const onProgress = (a, waitState) => {
    // The waiter's state (ids and times, no secret) lets a reload resume the same wait.
    if (waitState) remember({ ...entry, waitState });
    if (!a) return;
    replace(status, badge(a.status));
    // The API's message is English prose; the card's label already says what runs.
    replace(message, a.status === 'IN_PROGRESS' ? '' : (a.message ?? ''));
  };
  const options = { signal: controller.signal, onProgress, minDelayMs: 500, maxDelayMs: 5000 };
  if (entry.waitState && String(entry.waitState.actionId) === id) options.state = entry.waitState;
  else options.timeoutMs = 60 * 60 * 1000;
  client.waitForAction(entry.id, options)
    .then((done) => {
      finish(id);
      forget(id);
      toast(t('actionDone', { label: entry.label }), 'success');
      emit('action:done', { entry, action: done });
    })
    .catch((err) => {
      if (err?.name === 'AbortError' || controller.signal.aborted) return;
      if (err?.name === 'NetworkError' || err?.status >= 500) {
        // The API is unreachable or failing: the action's fate is unknown. Keep the card and
        // the stored id; following restarts when the API answers (see the 'conn' listener).
        item.lost = true;
        setConn('down');
        item.showLost(true);
        card.classList.add('action-lost');
        return;
      }
      finish(id);
      if (err?.name === 'ActionFailedError') {
        forget(id);
        const said = err.action?.message;
        toast(said ? t('actionFailed', { label: entry.label, message: said }) : t('actionFailedPlain', { label: entry.label }), 'error');
      } else if (err?.name === 'TimeoutError') {
        forget(id);
        toast(t('actionTimeout', { label: entry.label }), 'info');
      } else {
        // Auth trouble: keep the id so a later sign-in resumes it.
        toast(t('labelled', { label: entry.label, message: errorMessage(err) }), 'error');
      }
      emit('action:done', { entry, error: err });
    });
}

function finish(id) {
  const item = running.get(id);
  if (!item) return;
  clearInterval(item.timer);
  item.card.remove();
  running.delete(id);
  updatePanel();
}

/** Stops following everything (sign-out); stored ids stay for the next sign-in. */
export function stopAll() {
  for (const [id, item] of running) {
    item.controller.abort();
    finish(id);
  }
}
