// Instance detail: header with status and operations, tabs for overview (with the facts needed
// to connect), nodes, databases, available extensions, networks, upgrade versions and the action
// history (A3). An operation is offered only in the statuses its form description allows, when
// the operation rules raise no `state` issue for this instance and while no action runs on it;
// otherwise the reason is shown next to it.

import { h, replace, formatDate } from '../dom.js';
import { t } from '../i18n.js';
import { state, bus } from '../state.js';
import { badge, errorBanner, loading, empty, table, text } from '../ui.js';
import { openOperationDialog, operationContext } from './dialog.js';
import { windowFor } from '../form.js';
import { runningOn } from '../actions.js';

// The PATCH operations in the module's order (`operationNames`, O8), then delete; set once the module is loaded.
let OPERATIONS = [];
const TABS = ['overview', 'backups', 'nodes', 'databases', 'extensions', 'networks', 'versions', 'actions'];
const TAB_LABEL = {
  overview: 'tabOverview', backups: 'tabBackups', nodes: 'tabNodes', databases: 'tabDatabases', extensions: 'tabExtensions',
  networks: 'tabNetworks', versions: 'tabVersions', actions: 'tabActions',
};

/** The operation an action runs (`postgresql.stop` -> `stop`), if it is a known one. */
function opOfAction(a) {
  const name = String(a?.process ?? '').split('.').pop();
  return state.sdk.describeOperationForm(name, state.locale) ? name : null;
}

export function detailView(root, id, params) {
  OPERATIONS = [...state.sdk.operationNames(), 'delete'];
  let instance = null;
  let versions;
  let serverBusy = null; // an IN_PROGRESS action on this instance, seen in the history (A3)
  let current = TABS.includes(params.get('tab')) ? params.get('tab') : 'overview';
  const head = h('div', { class: 'detail-head' });
  const panel = h('div', { class: 'tab-panel', role: 'tabpanel', id: 'tab-panel', tabindex: 0 });
  const tabButtons = TABS.map((tab) => h('button', {
    type: 'button',
    role: 'tab',
    id: `tab-${tab}`,
    class: 'tab',
    'aria-controls': 'tab-panel',
    dataset: { tab },
    onclick: () => select(tab, true),
  }, t(TAB_LABEL[tab])));
  const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': t('detailTabs') }, tabButtons);
  // A strip wider than the screen fades at its right edge until scrolled to its end.
  const cue = () => tablist.classList.toggle('tabs-more', tablist.scrollLeft + tablist.clientWidth < tablist.scrollWidth - 1);
  tablist.addEventListener('scroll', cue, { passive: true });
  addEventListener('resize', cue);
  tablist.addEventListener('keydown', (e) => {
    const i = TABS.indexOf(current);
    let next = null;
    if (e.key === 'ArrowRight') next = TABS[(i + 1) % TABS.length];
    else if (e.key === 'ArrowLeft') next = TABS[(i - 1 + TABS.length) % TABS.length];
    else if (e.key === 'Home') next = TABS[0];
    else if (e.key === 'End') next = TABS[TABS.length - 1];
    if (next) {
      e.preventDefault();
      select(next, true);
      document.getElementById(`tab-${next}`)?.focus();
    }
  });
  const body = h('div', { class: 'detail-body' }, loading());

  replace(root, h('div', { class: 'page' },
    h('nav', { class: 'breadcrumb', 'aria-label': t('breadcrumbLabel') }, h('a', { href: '#/instances' }, t('breadcrumb')), h('span', { 'aria-hidden': 'true' }, ' / '), h('span', { 'aria-current': 'page' }, `#${id}`)),
    head, body));

  async function load() {
    try {
      const [inst, vers, acts] = await Promise.all([
        state.client.getPostgresql(id),
        state.client.listPostgresqlVersions(id).catch(() => undefined),
        state.client.listActions({ resourceId: id, statuses: ['IN_PROGRESS'] }).catch(() => null),
      ]);
      instance = inst;
      versions = vers;
      document.title = `${inst.name ?? `#${id}`} · ${t('appName')}`;
      const list = Array.isArray(acts) ? acts : (acts?.content ?? []);
      serverBusy = list.find((a) => a.status === 'IN_PROGRESS') ?? null;
      renderHead();
      replace(body, tablist, panel);
      cue();
      select(current, false);
      focusHeading();
    } catch (err) {
      replace(head, h('h1', { tabindex: -1 }, `#${id}`));
      focusHeading();
      replace(body, err?.name === 'NotFoundError'
        ? empty(t('notFound', { id }), null, h('a', { class: 'button', href: '#/instances' }, t('breadcrumb')))
        : errorBanner(err, load));
    }
  }

  // The heading arrives after the router's focus call: focus it once, as the list and create
  // views are focused, unless the person has already moved on.
  let headingFocused = false;
  function focusHeading() {
    if (headingFocused) return;
    headingFocused = true;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('.page') === null) head.querySelector('h1')?.focus({ preventScroll: true });
  }

  /** What runs on the instance: an action this page follows, or one the API lists (A3). */
  function busyNow() {
    const mine = runningOn(instance);
    if (mine) return { op: mine.op, label: mine.label };
    if (serverBusy) {
      const op = opOfAction(serverBusy);
      const title = op ? state.sdk.describeOperationForm(op, state.locale).title : (serverBusy.process ?? `#${serverBusy.id}`);
      return { op, label: title };
    }
    return null;
  }

  /** Why `op` cannot be started now, or null when it can. */
  function unavailable(op, desc, busy) {
    if (busy) return t('busyOn', { label: busy.label });
    const status = String(instance.status ?? '').toUpperCase();
    if (desc.allowedStatuses?.length && !desc.allowedStatuses.includes(status)) return desc.unavailableReason;
    if (op === 'upgrade' && Array.isArray(versions) && !versions.length) return t('noUpgrade');
    if (op === 'delete') return null;
    // O4, P4 and the like: the operation rules, with this instance as context, say `state`.
    const issues = state.sdk.validatePostgresqlOperation({ operation: op, options: {} }, operationContext(instance, { versions }), { locale: state.locale });
    const blocking = issues.filter((i) => i.code === 'state');
    return blocking.length ? blocking.map((i) => i.message).join(' ') : null;
  }

  /** What the status badges say while an action runs ("Stopping"), or null. */
  function busyLabel(busy = busyNow()) {
    const busyDesc = busy?.op ? state.sdk.describeOperationForm(busy.op, state.locale) : null;
    return busyDesc?.busyLabel ?? (busy ? t('statusBusy') : null);
  }

  /** The one status badge: the header and the Status card show the same. */
  const statusBadge = () => badge(instance.status, busyLabel());

  function renderHead() {
    const busy = busyNow();
    const reasons = h('ul', { class: 'op-reasons', id: 'op-reasons' });
    const ops = OPERATIONS.map((op) => {
      const desc = state.sdk.describeOperationForm(op, state.locale);
      const why = unavailable(op, desc, busy);
      const reasonId = `reason-${op}`;
      if (why && !busy) reasons.append(h('li', { id: reasonId }, h('strong', null, desc.menuLabel), ` — ${why}`));
      const button = h('button', {
        type: 'button',
        class: `button button-small ${op === 'delete' ? 'button-danger-ghost' : 'button-ghost'}`,
        dataset: { op },
        'aria-disabled': why ? 'true' : null,
        'aria-describedby': why ? (busy ? 'busy-note' : reasonId) : null,
        title: why ?? desc.title,
        onclick: () => {
          if (why) { document.getElementById(busy ? 'busy-note' : reasonId)?.classList.add('flash'); return; }
          openOperationDialog(op, instance, { opener: button, versions });
        },
      }, desc.menuLabel);
      return button;
    });
    replace(head,
      h('div', { class: 'detail-title' },
        h('h1', { tabindex: -1 }, instance.name ?? `#${id}`),
        statusBadge()),
      h('p', { class: 'detail-meta' },
        [`#${instance.id ?? id}`, topologyLabel(instance.topology), instance.version ? `PostgreSQL ${instance.version}` : null, instance.nodeSizing]
          .filter(Boolean).join(' · ')),
      h('div', { class: 'toolbar', role: 'toolbar', 'aria-label': t('operations') }, ops),
      busy ? h('p', { class: 'banner banner-info busy-note', id: 'busy-note', role: 'status' }, t('busyOn', { label: busy.label })) : null,
      reasons.childElementCount
        ? h('div', { class: 'op-why' }, h('p', { class: 'op-why-title' }, t('unavailableTitle')), reasons)
        : null);
    // The Status card says what the header says.
    const statusCell = panel.querySelector('.fact[data-key="fStatus"] dd');
    if (statusCell) replace(statusCell, statusBadge());
  }

  function select(tab, updateUrl) {
    current = tab;
    for (const b of tabButtons) {
      const on = b.dataset.tab === tab;
      b.setAttribute('aria-selected', on ? 'true' : 'false');
      b.tabIndex = on ? 0 : -1;
    }
    panel.setAttribute('aria-labelledby', `tab-${tab}`);
    if (updateUrl) history.replaceState(null, '', `#/instances/${encodeURIComponent(id)}?tab=${tab}`);
    renderTab(tab);
  }

  async function renderTab(tab) {
    replace(panel, loading(t('loadingTab')));
    panel.setAttribute('aria-busy', 'true');
    try {
      const content = await TAB_RENDER[tab](instance, id, { statusBadge });
      if (current === tab) replace(panel, content);
    } catch (err) {
      if (current === tab) replace(panel, errorBanner(err, () => renderTab(tab)));
    } finally {
      panel.setAttribute('aria-busy', 'false');
    }
  }

  const onDone = (e) => {
    const entry = e.detail?.entry;
    if (entry && String(entry.resourceId) !== String(id) && entry.resourceName !== instance?.name) return;
    // A deleted instance has nothing left to show: back to the list.
    if (entry?.op === 'delete' && !e.detail.error) location.hash = '#/instances';
    else load();
  };
  // An action started here: the badge and the operations change at once.
  const onStart = (e) => {
    const entry = e.detail?.entry;
    if (instance && (String(entry?.resourceId) === String(id) || entry?.resourceName === instance.name)) renderHead();
  };
  bus.addEventListener('action:done', onDone);
  bus.addEventListener('action:start', onStart);
  load();
  return () => {
    removeEventListener('resize', cue);
    bus.removeEventListener('action:done', onDone);
    bus.removeEventListener('action:start', onStart);
  };
}

const TAB_RENDER = {
  overview: async (i, id, { statusBadge }) => {
    const pp = i.patchParty;
    const rows = [
      ['fStatus', statusBadge()], ['fTopology', topologyLabel(i.topology)], ['fVersion', i.version ?? i.productVersion],
      ['fProduct', i.productCode ?? i.productName], ['fSizing', i.nodeSizing ?? i.sizing], ['fCpu', i.cpu], ['fRam', i.ram != null ? `${i.ram} GB` : null],
      ['fStorage', i.storage != null ? `${i.storage} GB` : null], ['fNodes', i.nodeCount ?? i.instanceCount], ['fLag', i.allowedReplicationLag != null ? `${i.allowedReplicationLag} MB` : null],
      ['fArea', i.labelArea ?? i.area], ['fDataCenter', i.labelDataCenter], ['fNetwork', i.network?.shortDescription ?? i.networkId],
      ['fService', i.serviceName ?? i.serviceId], ['fTrigram', i.trigram], ['fTls', i.tlsEnabled], ['fBackup', i.backupStatus],
      ['fEnvironment', i.environment],
      ['fWebConsole', i.url ? h('a', { href: i.url, target: '_blank', rel: 'noopener noreferrer' }, t('openConsole')) : null],
      ['fCreated', i.creationTime ? formatDate(i.creationTime, state.locale) : null],
      ['fCreatedBy', i.creationUser],
      ['fPatchParty', pp ? (pp.excluded ? t('patchExcluded', { reason: pp.exclusionReason ?? '—' }) : t('patchIncluded', { group: pp.patchGroup ?? '—' })) : null],
      // Lifecycle: the next patch (its party names the schedule), support, monitoring.
      ['fNextPatch', pp?.patchDate && !pp.excluded ? [formatDate(pp.patchDate, state.locale), pp.name].filter(Boolean).join(' · ') : null],
      ['fEndOfSupport', i.endOfSupportAt
        ? `${formatDay(i.endOfSupportAt)}${i.supportPhase ? ` (${supportPhase(i.supportPhase)})` : ''}`
        : null],
      ['fMonitoring', i.metrologyUrl && /^https?:\/\//i.test(i.metrologyUrl)
        ? h('a', { href: i.metrologyUrl, target: '_blank', rel: 'noopener noreferrer' }, t('openMonitoring'))
        : null],
      ['fReplication', i.replicationStatus],
      ['fComment', i.comment],
      ['fSupportLevel', i.supportLevel],
    ];
    const facts = h('dl', { class: 'facts' }, rows.map(([k, v]) => h('div', { class: 'fact', dataset: { key: k } },
      h('dt', null, t(k)), h('dd', null, v instanceof Node ? v : text(v)))));
    return h('div', null, await connectCard(i, id), facts);
  },
  backups: async (i) => backupsPanel(i),
  nodes: async (i, id) => {
    const nodes = await state.client.listPostgresqlNodes(id);
    if (!nodes.length) return empty(t('noNodes'));
    return table(t('tabNodes'), [
      { label: t('colName'), cell: (n) => n.name },
      { label: t('colStatus'), cell: (n) => badge(n.status) },
      { label: t('colIp'), cell: (n) => n.ipAddress },
      { label: t('colCpu'), cell: (n) => text(n.cpu), className: 'num' },
      { label: t('colRam'), cell: (n) => text(n.ram), className: 'num' },
      { label: t('colStorage'), cell: (n) => text(n.storage), className: 'num' },
      { label: t('colAz'), cell: (n) => n.labelAvailabilityZone ?? n.availabilityZone?.id },
      { label: t('colOs'), cell: (n) => n.osName },
    ], nodes);
  },
  databases: async (i, id) => {
    const dbs = await state.client.listPostgresqlDatabases(id);
    if (!dbs.length) return empty(t('noDatabases'));
    return table(t('tabDatabases'), [
      { label: t('colDatabase'), cell: (d) => d.name },
      {
        label: t('extensionsInstalled'),
        cell: (d) => (d.extensions?.length
          ? h('ul', { class: 'chips' }, d.extensions.map((e) => h('li', { class: 'chip' }, [e.name, e.version ? ` ${e.version}` : '', e.schema ? ` (${e.schema})` : ''].join(''))))
          : t('none')),
      },
    ], dbs);
  },
  extensions: async (i, id) => {
    const exts = await state.client.listPostgresqlExtensions(id);
    if (!exts.length) return empty(t('noExtensions'));
    return table(t('tabExtensions'), [
      { label: t('colExtension'), cell: (e) => e.name },
      { label: t('colVersion'), cell: (e) => e.version },
      { label: t('colComment'), cell: (e) => e.comment },
      { label: t('colRestart'), cell: (e) => text(e.requiresRestarting) },
    ], exts);
  },
  networks: async (i, id) => {
    const nets = await state.client.listPostgresqlNetworks(id);
    if (!nets.length) return empty(t('noNetworks'));
    return table(t('tabNetworks'), [
      { label: t('colId'), cell: (n) => text(n.id), className: 'num' },
      { label: t('colDescription'), cell: (n) => n.shortDescription ?? n.description ?? n.networkShortDescription },
      { label: t('colCidr'), cell: (n) => n.cidr },
      { label: t('colGateway'), cell: (n) => n.gateway },
      { label: t('colArea'), cell: (n) => n.area },
      { label: t('colUsed'), cell: (n) => (n.usedPercent != null ? `${n.usedPercent} %` : null), className: 'num' },
    ], nets);
  },
  versions: async (i, id) => {
    const versions = await state.client.listPostgresqlVersions(id);
    if (!versions.length) return empty(t('noVersions'));
    return h('ul', { class: 'version-list' }, versions.map((v) => {
      const button = h('button', {
        type: 'button',
        class: 'button button-small',
        onclick: () => openOperationDialog('upgrade', i, { opener: button, preset: { 'options.targetVersion': String(v) }, versions }),
      }, t('upgradeTo', { version: v }));
      return h('li', null, h('span', { class: 'version' }, `PostgreSQL ${v}`), button);
    }));
  },
  actions: async (i, id) => {
    const result = await state.client.listActions({ resourceId: id });
    const actions = Array.isArray(result) ? result : (result?.content ?? []);
    if (!actions.length) return empty(t('noActions'));
    return table(t('tabActions'), [
      {
        label: t('colAction'),
        cell: (a) => {
          const op = opOfAction(a);
          if (op) return state.sdk.describeOperationForm(op, state.locale).title;
          if (String(a.process ?? '').endsWith('create')) return state.sdk.describeCreateForm(state.locale).title;
          return a.process ?? a.family ?? `#${a.id}`;
        },
      },
      { label: t('colStatus'), cell: (a) => badge(a.status) },
      { label: t('colMessage'), cell: (a) => a.message },
      { label: t('colSubmitted'), cell: (a) => formatDate(a.submittedAt, state.locale) },
      { label: t('colCompleted'), cell: (a) => formatDate(a.completedAt, state.locale) },
      { label: t('colBy'), cell: (a) => a.submittedBy },
    ], actions);
  },
};

/** A value with a button that copies it (the button says "Copied" for a moment). */
function copyable(value, what) {
  const out = h('span', { class: 'copy-status', role: 'status' });
  const button = h('button', {
    type: 'button',
    class: 'button button-small button-ghost copy',
    'aria-label': t('copyLabel', { what }),
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(value);
      } catch {
        // No clipboard permission: select the text so Ctrl+C copies it.
        const range = document.createRange();
        range.selectNodeContents(code);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
      }
      replace(out, t('copied'));
      setTimeout(() => replace(out), 2000);
    },
  }, t('copy'));
  const code = h('code', { class: 'copy-value' }, value);
  return h('span', { class: 'copy-row' }, code, button, out);
}

/**
 * The facts a person needs to connect, from the SDK's `connectionFacts` (the one reading of the
 * instance and its nodes): cluster address, DNS host names, port, TLS with the matching sslmode,
 * a URI and a psql command (user left as a placeholder: the API returns none), each copyable,
 * and the nodes with their zone and which one holds the cluster address.
 */
async function connectCard(i, id) {
  const nodes = await state.client.listPostgresqlNodes(id).catch(() => []);
  const f = state.sdk.connectionFacts(i, nodes);
  const fact = (label, value) => h('div', { class: 'fact' }, h('dt', null, label), h('dd', null, value));
  const tls = f.tls === true ? 'tlsOn' : f.tls === false ? 'tlsOff' : 'tlsUnknown';
  const facts = h('dl', { class: 'facts connect-facts' },
    f.clusterAddress ? fact(t('fClusterAddress'), copyable(f.clusterAddress, t('fClusterAddress'))) : null,
    f.dnsNames.length
      ? fact(t('fDnsNames'), h('ul', { class: 'plain-list' }, f.dnsNames.map((n) => h('li', null, copyable(n, n)))))
      : null,
    fact(t('colPort'), String(f.port)),
    fact(t('fTlsMode'), t(tls, { mode: f.sslMode })));
  const forms = f.uri
    ? h('div', { class: 'stack connect-forms' },
      h('div', { class: 'connect-uri' }, h('p', { class: 'connect-label' }, t('connectUri')), copyable(f.uri, t('connectUri'))),
      h('div', { class: 'connect-psql' }, h('p', { class: 'connect-label' }, t('connectPsql')), copyable(f.psql, t('connectPsql'))),
      h('p', { class: 'help' }, t('userPlaceholder', { user: f.userPlaceholder })))
    : h('p', { class: 'help' }, t('noAddress'));
  const several = f.nodes.length > 1;
  const nodeTable = f.nodes.length
    ? table(t('tabNodes'), [
      { label: t('colHost'), cell: (n) => n.name ?? '—' },
      { label: t('colIp'), cell: (n) => copyable(n.address, `${t('colIp')} ${n.name ?? ''}`.trim()) },
      { label: t('colZone'), cell: (n) => n.availabilityZone ?? '—' },
      { label: t('colRole'), cell: (n) => (n.clusterAddress ? t('roleCluster') : '—') },
    ], f.nodes)
    : null;
  // On a phone each node reads as a card of "label: value" lines (nothing cut off sideways).
  nodeTable?.classList.add('table-cards');
  return h('section', { class: 'card connect-card stack', 'aria-labelledby': 'connect-title' },
    h('h2', { id: 'connect-title' }, t('connectTitle2')),
    facts,
    forms,
    several ? h('p', { class: 'help' }, t(f.readWrite ? 'primaryReadWrite' : 'primaryUnknown')) : null,
    nodeTable);
}

/** A backup frequency (`policies[].frequencies`) in words; unknown values as written. */
function frequency(value) {
  const key = `freq${String(value ?? '').toUpperCase()}`;
  const said = t(key);
  return said === key ? String(value ?? '—') : said;
}

/**
 * Backups: the policy (type, retention, schedule), the last backups and the window a restore
 * may target: from the later of the policy's retention and O3's window (the restore form's own
 * `window`, production or not by the core's reading) to now.
 */
function backupsPanel(i) {
  const details = i.backupPolicyDetails ?? {};
  const policies = details.policies ?? [];
  const backups = details.backups ?? [];
  const fact = (key, label, value) => h('div', { class: 'fact', dataset: { key } }, h('dt', null, label), h('dd', null, text(value)));
  const policyCards = policies.map((p) => {
    const freq = p.frequencies && typeof p.frequencies === 'object' ? p.frequencies : {};
    const at = p.startTime ? t('backupAt', { time: p.startTime, zone: p.timezone ?? 'UTC' }) : '';
    const parts = [
      freq.full ? `${t('backupFull')} ${frequency(freq.full).toLowerCase()}${at ? ` ${at}` : ''}` : (at ? at : null),
      freq.wal ? `${t('backupWal')} ${frequency(freq.wal).toLowerCase()}` : null,
    ].filter(Boolean);
    const type = String(p.type ?? '');
    return h('dl', { class: 'facts' },
      fact('policy', t('backupPolicy'), [p.label, p.name ? `(${p.name})` : null].filter(Boolean).join(' ')),
      fact('type', t('backupType'), type.toUpperCase() === 'PITR' ? t('backupPitr') : type),
      fact('retention', t('backupRetention'), p.durationInHours != null ? t('days', { count: Math.round(p.durationInHours / 24) }) : null),
      fact('schedule', t('backupSchedule'), parts.join(', ')),
      fact('replicated', t('backupReplicated'), p.replication));
  });
  const desc = state.sdk.describeOperationForm('restore', state.locale);
  const ts = desc?.fields.find((f) => f.window)?.window;
  let windowNote;
  if (i.backupStatus === true && backups.length && ts) {
    const production = state.sdk.operationContextFromInstance(i).production;
    const o3 = windowFor(ts, production);
    const hours = policies.map((p) => p.durationInHours).filter((n) => typeof n === 'number' && n > 0);
    let from = o3.from.getTime();
    if (hours.length) from = Math.max(from, o3.to.getTime() - Math.max(...hours) * 3600000);
    const created = Date.parse(i.creationTime ?? '');
    if (!Number.isNaN(created)) from = Math.max(from, created);
    const fromIso = new Date(from).toISOString();
    windowNote = h('p', { class: 'banner banner-info backup-window', dataset: { from: fromIso, to: o3.to.toISOString() } },
      t('backupWindow', { from: formatDate(fromIso, state.locale) }), ' ',
      t(production === false ? 'backupWindowWhyQa' : 'backupWindowWhyProd', { days: o3.days }));
  } else {
    windowNote = h('p', { class: 'banner banner-warning backup-window' }, t('backupNone'));
  }
  return h('div', { class: 'stack' },
    h('h2', { class: 'panel-title' }, t('tabBackups')),
    windowNote,
    ...policyCards,
    backups.length
      ? table(t('backupLast'), [
        { label: t('backupType'), cell: (b) => b.type },
        { label: t('backupDate'), cell: (b) => formatDate(b.backupLastDate, state.locale) },
        { label: t('backupSize'), cell: (b) => (b.backupSize != null ? b.backupSize.toLocaleString(state.locale === 'fr' ? 'fr-FR' : 'en-GB') : null), className: 'num' },
      ], backups)
      : null);
}

/** A date without the time (end of support is a day). */
function formatDay(text) {
  const d = new Date(text);
  if (Number.isNaN(d.getTime())) return String(text);
  return d.toLocaleDateString(state.locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' });
}

/** A support phase in words (`STANDARD`, `EXTENDED`…); unknown ones as written. */
function supportPhase(phase) {
  const key = `phase${String(phase).toUpperCase()}`;
  const said = t(key);
  return said === key ? String(phase) : said;
}

/** A topology in the user's language, from the create form's own choices; unknown ones as written. */
function topologyLabel(topology) {
  if (!topology) return null;
  const field = state.sdk.describeCreateForm(state.locale).fields.find((f) => f.name === 'topology');
  const label = field?.choices?.find((c) => c.value === String(topology).toUpperCase())?.label;
  // "Standalone (single node)" -> "Standalone": the short form reads better in a fact.
  return label ? label.replace(/\s*\(.*\)$/, '') : String(topology);
}
