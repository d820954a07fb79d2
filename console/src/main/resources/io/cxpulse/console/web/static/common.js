'use strict';
// What every console page shares: who is signed in, API calls with the CSRF token, text helpers.
// Text from the server is only ever inserted with textContent, never as HTML.
const Console = (() => {
  let me = null;

  async function api(path, options = {}) {
    const headers = Object.assign({}, options.headers || {});
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.method && options.method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrf_token;
    const res = await fetch(path, Object.assign({}, options, {headers, credentials: 'same-origin'}));
    if (res.status === 401) {
      location.assign('/login?next=' + encodeURIComponent(location.pathname + location.search));
      throw new Error('signed out');
    }
    let body = null;
    try { body = await res.json(); } catch (e) { body = null; }
    if (!res.ok) throw new Error((body && body.error) || ('HTTP ' + res.status));
    return body;
  }

  async function start() {
    me = await api('/api/me');
    text(document.getElementById('who'), me.user + (me.teams.length ? ' · ' + me.teams.join(', ') : '') + ' · ' + me.roles.join(', ').toLowerCase());
    const ops = document.getElementById('nav-operations');
    if (ops) ops.hidden = !me.operations;
    document.getElementById('sign-out').addEventListener('click', async () => {
      try { await api('/api/session', {method: 'DELETE'}); } finally { location.assign('/login'); }
    });
    return me;
  }

  function el(tag, cls, content) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (content !== undefined && content !== null) e.textContent = String(content);
    return e;
  }

  function text(node, value) { node.textContent = value === null || value === undefined ? '' : String(value); }

  function age(iso) {
    if (!iso) return '';
    const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
    if (s < 60) return s + ' s';
    if (s < 3600) return Math.floor(s / 60) + ' min';
    if (s < 86400) return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
    return Math.floor(s / 86400) + ' d';
  }

  function clock(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return d.toLocaleString([], {month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit'});
  }

  function num(v, digits) {
    return v === null || v === undefined ? '–' : Number(v).toFixed(digits === undefined ? 1 : digits);
  }

  function label(symbol) { return symbol ? symbol.replace(/_/g, ' ').toLowerCase() : ''; }

  // Orders episodes by their last update, newest first. The times are compared as instants: as
  // strings, "12:00:01Z" would sort above "12:00:01.250Z" (ISO-8601 drops a zero fraction).
  function newestFirst(a, b) { return Date.parse(b.updated_at) - Date.parse(a.updated_at); }

  // Calls fn once, `ms` after the first of the requests that come in that time: a burst of
  // pushed events (hundreds a second in a surge) costs one redraw, and the page stays responsive.
  function coalesce(fn, ms) {
    let timer = null;
    return () => {
      if (timer === null) timer = setTimeout(() => { timer = null; fn(); }, ms);
    };
  }

  // An EventSource that survives drops: the browser reconnects by itself (sending Last-Event-ID);
  // when it gives up (an HTTP error, a console restart behind a proxy), a new one is opened with
  // the last id as a parameter, after a pause.
  function stream(path, handlers, indicator) {
    let lastId = null;
    let source = null;
    function open() {
      const url = path + (lastId ? (path.includes('?') ? '&' : '?') + 'last_event_id=' + encodeURIComponent(lastId) : '');
      source = new EventSource(url);
      source.onopen = () => { indicator.textContent = '● live'; indicator.className = 'connection live'; };
      source.onerror = () => {
        indicator.textContent = 'reconnecting…';
        indicator.className = 'connection down';
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(async () => {
            try { await api('/api/me'); } catch (e) { return; }
            open();
          }, 3000);
        }
      };
      for (const [event, handler] of Object.entries(handlers)) {
        source.addEventListener(event, (m) => {
          if (m.lastEventId) lastId = m.lastEventId;
          handler(JSON.parse(m.data));
        });
      }
    }
    open();
    return {close: () => source && source.close()};
  }

  return {api, start, el, text, age, clock, num, label, stream, coalesce, newestFirst, me: () => me};
})();
