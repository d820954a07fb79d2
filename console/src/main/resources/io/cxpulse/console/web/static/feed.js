'use strict';
// The supervisors' live feed: one row per alert episode, newest first, kept current by the
// event stream; filters live in the URL, so a view can be bookmarked; a detail panel shows one
// episode's updates, reasons, evidence and handling, with the actions.
(() => {
  const {api, el, text, age, clock, num, label} = Console;
  const KINDS = ['POOR_EXPERIENCE', 'REPEAT_CONTACT', 'LONG_WAIT', 'COMPLAINT_SPIKE', 'SUPPLIER_OUTLIER', 'ORDER_DELAY', 'COMPLAINT_SLA_BREACH', 'OTHER'];
  const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
  const STATUSES = ['OPEN', 'UPDATE', 'RESOLVED'];
  const HANDLING = ['NEW', 'ACKNOWLEDGED', 'ASSIGNED', 'CLOSED'];
  const FILTERS = {team: 'f-team', kind: 'f-kind', severity: 'f-severity', status: 'f-status', handling: 'f-handling', q: 'f-q'};
  const LIMIT = 500;
  const rows = new Map(); // alert_id -> row JSON
  let selected = null;
  let stream = null;
  let lingerMs = 15 * 60 * 1000;

  function fill(id, values) {
    const select = document.getElementById(id);
    for (const v of values) select.appendChild(Object.assign(el('option', null, label(v)), {value: v}));
  }

  function filterParams() {
    const p = new URLSearchParams();
    for (const [name, id] of Object.entries(FILTERS)) {
      const v = document.getElementById(id).value.trim();
      if (v) p.set(name, v);
    }
    return p;
  }

  function syncUrl() {
    const p = filterParams();
    if (selected) p.set('episode', selected);
    const qs = p.toString();
    history.replaceState(null, '', qs ? '/?' + qs : '/');
  }

  function readUrl() {
    const p = new URLSearchParams(location.search);
    for (const [name, id] of Object.entries(FILTERS)) {
      const v = p.get(name);
      if (v !== null) {
        const input = document.getElementById(id);
        if (input.tagName === 'SELECT' && ![...input.options].some(o => o.value === v)) {
          input.appendChild(Object.assign(el('option', null, v), {value: v}));
        }
        input.value = v;
      }
    }
    selected = p.get('episode');
  }

  function connect() {
    if (stream) stream.close();
    rows.clear();
    render();
    stream = Console.stream('/api/stream?' + filterParams().toString(), {
      snapshot: (data) => { rows.clear(); data.episodes.forEach(e => rows.set(e.alert_id, e)); render(); },
      episode: (e) => { rows.set(e.alert_id, e); renderSoon(); if (selected === e.alert_id) detailSoon(); },
      remove: (r) => { rows.delete(r.alert_id); renderSoon(); },
      resumed: () => {}
    }, document.getElementById('connection'));
  }

  // pushed changes redraw at most every 150 ms; a click or a filter redraws at once
  const renderSoon = Console.coalesce(() => render(), 150);
  const detailSoon = Console.coalesce(() => { if (selected) showDetail(selected); }, 500);

  function render() {
    performance.mark('feed-render'); // visible in the browser's performance timeline
    const body = document.getElementById('feed-rows');
    const now = Date.now();
    const list = [...rows.values()]
      .filter(e => !e.done_at || document.getElementById('f-status').value || document.getElementById('f-handling').value
        || now - Date.parse(e.done_at) < lingerMs)
      .sort((a, b) => Console.newestFirst(a, b) || (a.alert_id < b.alert_id ? -1 : a.alert_id > b.alert_id ? 1 : 0))
      .slice(0, LIMIT);
    const fresh = document.createDocumentFragment();
    for (const e of list) fresh.appendChild(row(e, now));
    body.replaceChildren(fresh);
    document.getElementById('empty').hidden = list.length > 0;
    const urgent = list.filter(e => !e.done_at && (e.severity === 'HIGH' || e.severity === 'CRITICAL')).length;
    text(document.getElementById('counts'), list.length + ' episodes · ' + urgent + ' high or critical');
  }

  function row(e, now) {
    const tr = el('tr', 'sev-' + e.severity + (e.done_at ? ' done' : '') + (e.alert_id === selected ? ' selected' : ''));
    tr.dataset.alertId = e.alert_id;
    tr.dataset.status = e.status;
    if (e.done_at) {
      const faded = Math.min(1, (now - Date.parse(e.done_at)) / lingerMs);
      tr.style.opacity = String(Math.max(0.25, 0.75 - 0.5 * faded));
    }
    tr.appendChild(el('td', 'severity', e.severity));
    tr.appendChild(el('td', 'status', e.status));
    tr.appendChild(el('td', 'kind', label(e.kind)));
    tr.appendChild(el('td', 'subject', label(e.subject_type) + ' ' + e.subject_id));
    tr.appendChild(el('td', 'team', e.team_id || '–'));
    tr.appendChild(el('td', 'summary', e.summary));
    tr.appendChild(el('td', 'age', age(e.opened_at)));
    const h = e.handling;
    tr.appendChild(el('td', 'handling handling-' + h.state, label(h.state)
      + (h.assignee ? ' → ' + h.assignee : '') + (h.outcome ? ' (' + label(h.outcome) + ')' : '')));
    tr.addEventListener('click', () => { selected = e.alert_id; syncUrl(); render(); showDetail(selected); });
    return tr;
  }

  async function showDetail(id) {
    const panel = document.getElementById('detail');
    let e;
    try {
      e = await api('/api/alerts/' + encodeURIComponent(id));
    } catch (err) {
      panel.hidden = true;
      return;
    }
    if (selected !== id) return;
    panel.hidden = false;
    panel.dataset.alertId = id;
    text(document.getElementById('d-title'), label(e.kind) + ' · ' + label(e.subject_type) + ' ' + e.subject_id);
    text(document.getElementById('d-summary'), e.summary);
    const facts = document.getElementById('d-facts');
    facts.replaceChildren();
    for (const [k, v] of [['Status', e.status], ['Severity', e.severity], ['Team', e.team_id || '–'],
      ['Customer', e.customer_id || '–'], ['Opened', clock(e.opened_at)], ['Updated', clock(e.updated_at)],
      ['Updates', e.update_count], ['Handling', label(e.handling.state)], ['Alert id', e.alert_id]]) {
      facts.appendChild(el('dt', null, k));
      facts.appendChild(el('dd', null, v));
    }
    const reasons = document.getElementById('d-reasons');
    reasons.replaceChildren(...e.reasons.map(r => el('li', null, r)));
    const evidence = document.querySelector('#d-evidence tbody');
    evidence.replaceChildren(...Object.entries(e.evidence).map(([k, v]) => {
      const tr = el('tr');
      tr.appendChild(el('th', null, k));
      tr.appendChild(el('td', 'num', v === null ? '–' : (Math.abs(v) < 0.01 && v !== 0 ? Number(v).toExponential(2) : num(v, 3))));
      return tr;
    }));
    const updates = document.querySelector('#d-updates tbody');
    updates.replaceChildren(...e.updates.slice().reverse().map(u => {
      const tr = el('tr');
      [clock(u.detected_at), u.status, u.severity, u.summary].forEach(v => tr.appendChild(el('td', null, v)));
      return tr;
    }));
    const log = document.getElementById('d-actions');
    log.replaceChildren(...e.actions.map(a => el('li', null, clock(a.at) + ' · ' + a.actor + ' · ' + label(a.action)
      + (a.assignee ? ' → ' + a.assignee : '') + (a.outcome ? ' (' + label(a.outcome) + ')' : '') + (a.note ? ': ' + a.note : ''))));
    if (!e.actions.length) log.appendChild(el('li', 'muted', 'Nobody has acted yet.'));
    const closed = e.handling.state === 'CLOSED';
    document.getElementById('a-ack').disabled = closed || !!e.handling.acknowledged_by;
    document.getElementById('a-assign').disabled = closed;
    document.getElementById('a-close').disabled = closed;
    text(document.getElementById('a-error'), '');
  }

  async function act(body) {
    const error = document.getElementById('a-error');
    text(error, '');
    try {
      const e = await api('/api/alerts/' + encodeURIComponent(selected) + '/actions', {method: 'POST', body: JSON.stringify(body)});
      if (e && e.alert_id) { rows.set(e.alert_id, Object.assign(rows.get(e.alert_id) || {}, e)); render(); }
      await showDetail(selected);
      return true;
    } catch (err) {
      text(error, err.message);
      return false;
    }
  }

  function wireActions() {
    document.getElementById('a-ack').addEventListener('click', () => act({action: 'ACKNOWLEDGE'}));
    document.getElementById('a-assign-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (await act({action: 'ASSIGN', assignee: document.getElementById('a-assignee').value.trim()})) document.getElementById('a-assignee').value = '';
    });
    document.getElementById('a-note-form').addEventListener('submit', async (ev) => {
      ev.preventDefault();
      if (await act({action: 'NOTE', note: document.getElementById('a-note').value})) document.getElementById('a-note').value = '';
    });
    document.getElementById('a-close-form').addEventListener('submit', (ev) => {
      ev.preventDefault();
      act({action: 'CLOSE', outcome: document.getElementById('a-outcome').value});
    });
    document.getElementById('detail-close').addEventListener('click', () => {
      selected = null;
      document.getElementById('detail').hidden = true;
      syncUrl();
      render();
    });
  }

  async function main() {
    const me = await Console.start();
    lingerMs = me.resolved_linger_s * 1000;
    fill('f-team', me.teams);
    fill('f-kind', KINDS);
    fill('f-severity', SEVERITIES);
    fill('f-status', STATUSES);
    fill('f-handling', HANDLING);
    readUrl();
    for (const id of Object.values(FILTERS)) {
      const input = document.getElementById(id);
      let timer = null;
      input.addEventListener(input.tagName === 'INPUT' ? 'input' : 'change', () => {
        clearTimeout(timer);
        timer = setTimeout(() => { syncUrl(); connect(); }, input.tagName === 'INPUT' ? 300 : 0);
      });
    }
    wireActions();
    connect();
    if (selected) showDetail(selected);
    setInterval(render, 10000);
  }

  main();
})();
