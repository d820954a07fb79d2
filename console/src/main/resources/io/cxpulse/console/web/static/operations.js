'use strict';
// The operations page: live metrics per queue and per team with the last hours as small uPlot
// line charts, complaint spikes with their drill-down, and supplier shares per category.
// The page fetches metrics and shares when the operations stream says they changed, and keeps
// complaint spikes current through the alert stream.
(() => {
  const {api, el, text, age, clock, num, label} = Console;
  const SERIES = [
    {key: 'csat_pct', name: 'CSAT %', digits: 1, percent: true},
    {key: 'nps', name: 'NPS', digits: 0},
    {key: 'asa_s', name: 'ASA s', digits: 0},
    {key: 'service_level_pct', name: 'Service level %', digits: 1, percent: true},
    {key: 'abandon_rate', name: 'Abandoned %', digits: 1, scale: 100, percent: true}
  ];
  const spikes = new Map();
  let selectedSpike = null;
  // pushed spike updates redraw at most every 150 ms (a burst costs one redraw)
  const spikesSoon = Console.coalesce(() => renderSpikes(), 150);
  const drillSoon = Console.coalesce(() => { if (selectedSpike) drill(selectedSpike); }, 500);
  const charts = new Map(); // container id -> uPlot

  function value(point, s) {
    const v = point ? point[s.key] : null;
    return v === null || v === undefined ? null : v * (s.scale || 1);
  }

  function card(containerId, series) {
    const box = el('div', 'card');
    box.dataset.value = series.value;
    box.appendChild(el('h3', null, series.value));
    const live = series.live;
    box.appendChild(el('p', 'muted', live ? (live.final ? 'hour ' : 'this hour so far, ') + clock(live.start) + ' · ' + live.contacts + ' contacts' : 'no hourly figure yet'));
    const tiles = el('div', 'tiles');
    for (const s of SERIES) {
      const t = el('div', 'tile');
      t.appendChild(el('span', 'tile-value', num(value(live, s), s.digits)));
      t.appendChild(el('span', 'tile-name', s.name));
      tiles.appendChild(t);
    }
    box.appendChild(tiles);
    const xs = series.points.map(p => Date.parse(p.start) / 1000);
    for (const s of SERIES) {
      const chart = el('div', 'chart');
      chart.title = s.name + ' per ' + 'bucket, last hours';
      box.appendChild(el('span', 'chart-name', s.name));
      box.appendChild(chart);
      if (window.uPlot && xs.length > 0) {
        new uPlot({
          width: 260, height: 70, legend: {show: false}, cursor: {show: false},
          scales: {x: {time: true}, y: s.percent
            ? {range: (u, min, max) => [Math.max(0, Math.floor((min ?? 0) - 5)), Math.min(100, Math.ceil((max ?? 100) + 5))]}
            : {}},
          axes: [{show: false}, {size: 36, font: '10px sans-serif', ticks: {show: false}, grid: {stroke: '#eee'}}],
          series: [{}, {stroke: '#2b6cb0', width: 1.5, spanGaps: true}]
        }, [xs, series.points.map(p => value(p, s))], chart);
      }
    }
    return box;
  }

  async function loadMetrics() {
    for (const [dimension, containerId] of [['QUEUE', 'queues'], ['TEAM', 'teams']]) {
      const data = await api('/api/metrics?dimension=' + dimension);
      const container = document.getElementById(containerId);
      container.replaceChildren(...data.metrics.map(s => card(containerId, s)));
      if (!data.metrics.length) container.appendChild(el('p', 'empty', 'No metrics yet.'));
    }
  }

  async function loadShares() {
    const data = await api('/api/supplier-shares');
    const box = document.getElementById('shares');
    box.replaceChildren();
    if (!data.categories.length) box.appendChild(el('p', 'empty', 'No supplier shares yet.'));
    for (const c of data.categories) {
      const section = el('div', 'share-category');
      section.dataset.category = c.category;
      section.appendChild(el('h3', null, label(c.category) + ' · ' + clock(c.window_start) + ' – ' + clock(c.window_end)));
      const table = el('table', 'shares');
      const head = el('tr');
      ['Supplier', 'Shipments', 'Complaints', 'Share of shipments', 'Share of complaints', 'Lift', 'q', ''].forEach(h => head.appendChild(el('th', null, h)));
      table.appendChild(el('thead')).appendChild(head);
      const body = el('tbody');
      for (const s of c.suppliers) {
        const tr = el('tr', s.flagged ? 'flagged' : '');
        tr.dataset.supplier = s.supplier_id;
        tr.title = 'p = ' + fmtP(s.p_value) + ', q = ' + fmtP(s.q_value) + ', lift = ' + num(s.lift, 2)
          + ' (' + s.complaints + ' of the category\'s complaints, ' + s.shipments + ' shipments)';
        tr.appendChild(el('td', null, s.supplier_id));
        tr.appendChild(el('td', 'num', s.shipments));
        tr.appendChild(el('td', 'num', s.complaints));
        tr.appendChild(bar(s.shipment_share, 'ship'));
        tr.appendChild(bar(s.complaint_share, 'complaint'));
        tr.appendChild(el('td', 'num', num(s.lift, 2)));
        tr.appendChild(el('td', 'num', fmtP(s.q_value)));
        tr.appendChild(el('td', 'flag', s.flagged ? 'flagged' : ''));
        body.appendChild(tr);
      }
      table.appendChild(body);
      section.appendChild(table);
      box.appendChild(section);
    }
  }

  function bar(share, cls) {
    const td = el('td', 'bar-cell');
    const track = el('div', 'bar-track');
    const fill = el('div', 'bar ' + cls);
    fill.style.width = Math.max(0, Math.min(100, (share || 0) * 100)).toFixed(1) + '%';
    track.appendChild(fill);
    td.appendChild(track);
    td.appendChild(el('span', 'bar-label', num((share || 0) * 100, 1) + ' %'));
    return td;
  }

  function fmtP(p) {
    if (p === null || p === undefined) return '–';
    return p < 0.001 ? Number(p).toExponential(1) : Number(p).toFixed(3);
  }

  function renderSpikes() {
    const body = document.querySelector('#spikes tbody');
    const list = [...spikes.values()].sort(Console.newestFirst);
    body.replaceChildren(...list.map(e => {
      const tr = el('tr', 'sev-' + e.severity + (e.done_at ? ' done' : '') + (e.alert_id === selectedSpike ? ' selected' : ''));
      tr.dataset.alertId = e.alert_id;
      [e.severity, e.status, label(e.subject_id), e.summary, age(e.opened_at)].forEach(v => tr.appendChild(el('td', null, v)));
      tr.addEventListener('click', () => { selectedSpike = e.alert_id; renderSpikes(); drill(e.alert_id); });
      return tr;
    }));
    document.getElementById('spikes-empty').hidden = list.length > 0;
  }

  async function drill(id) {
    const e = await api('/api/alerts/' + encodeURIComponent(id));
    const box = document.getElementById('spike-detail');
    box.hidden = false;
    text(document.getElementById('sd-title'), label(e.subject_id) + ' complaints: ' + e.summary);
    const drivers = Object.entries(e.evidence).filter(([k]) => k.startsWith('excess_share.'));
    document.querySelector('#sd-drivers tbody').replaceChildren(...(drivers.length ? drivers : [['(none named)', null]]).map(([k, v]) => {
      const tr = el('tr');
      tr.appendChild(el('th', null, k.replace('excess_share.', '').replace('=', ': ')));
      tr.appendChild(v === null ? el('td', null, '') : bar(v, 'complaint'));
      return tr;
    }));
    document.querySelector('#sd-updates tbody').replaceChildren(...e.updates.slice().reverse().map(u => {
      const tr = el('tr');
      [clock(u.window_start), u.status, num(u.evidence.count, 0), num(u.evidence.baseline, 1), fmtP(u.evidence.p_value)]
        .forEach(v => tr.appendChild(el('td', null, v)));
      return tr;
    }));
    const chart = document.getElementById('sd-chart');
    chart.replaceChildren();
    const ups = e.updates.filter(u => u.window_start);
    if (window.uPlot && ups.length) {
      new uPlot({
        width: 520, height: 160, scales: {x: {time: true}},
        series: [{}, {label: 'complaints', stroke: '#c53030', width: 2}, {label: 'usual', stroke: '#718096', dash: [4, 4]}]
      }, [ups.map(u => Date.parse(u.window_start) / 1000), ups.map(u => u.evidence.count ?? null), ups.map(u => u.evidence.baseline ?? null)], chart);
    }
  }

  async function main() {
    await Console.start();
    const indicator = document.getElementById('connection');
    Console.stream('/api/operations/stream', {
      metrics: () => loadMetrics().catch(() => {}),
      shares: () => loadShares().catch(() => {})
    }, indicator);
    Console.stream('/api/stream?kind=COMPLAINT_SPIKE', {
      snapshot: (d) => { spikes.clear(); d.episodes.forEach(e => spikes.set(e.alert_id, e)); renderSpikes(); },
      episode: (e) => { spikes.set(e.alert_id, e); spikesSoon(); if (e.alert_id === selectedSpike) drillSoon(); },
      remove: (r) => { spikes.delete(r.alert_id); spikesSoon(); },
      resumed: () => {}
    }, indicator);
    setInterval(renderSpikes, 10000);
  }

  main();
})();
