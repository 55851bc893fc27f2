// LiveInsight live dashboard. Every value from the API is written with textContent or as an attribute value through
// the DOM API, never parsed as HTML; the page's Content-Security-Policy allows no inline script either.
'use strict';
(() => {
  const REFRESH_MS = 5000;
  const PAGE_SIZE = 25;
  const TOKEN_KEY = 'liveinsight.token';
  const SVG = 'http://www.w3.org/2000/svg';

  const state = {
    token: sessionStorage.getItem(TOKEN_KEY),
    includeBots: false,
    cursors: [null],   // cursors[i] opens page i of the active-sessions table
    page: 0,
    nextCursor: null,
    selected: null,    // session id whose timeline is open
    selectedActivity: null,
    timelineCursor: null,
    timer: null,
    refreshing: false,
  };

  const $ = (id) => document.getElementById(id);

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  // A token can arrive once in the URL fragment (never sent to a server), then lives in this tab only.
  if (location.hash.startsWith('#token=')) {
    state.token = decodeURIComponent(location.hash.slice('#token='.length));
    sessionStorage.setItem(TOKEN_KEY, state.token);
    history.replaceState(null, '', location.pathname + location.search);
  }

  class Unauthorized extends Error {}

  async function api(path, params) {
    const url = new URL(path, document.baseURI);
    for (const [name, value] of Object.entries(params || {})) {
      if (value !== null && value !== undefined) url.searchParams.set(name, String(value));
    }
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const response = await fetch(url, { headers, cache: 'no-store' });
    if (response.status === 401) throw new Unauthorized();
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
    return body;
  }

  const number = new Intl.NumberFormat();

  function duration(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60) return seconds + 's';
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + 'm ' + String(seconds % 60).padStart(2, '0') + 's';
    return Math.floor(minutes / 60) + 'h ' + String(minutes % 60).padStart(2, '0') + 'm';
  }

  function ago(ms, now) {
    return duration(Math.max(0, now - ms)) + ' ago';
  }

  function clock(ms, withSeconds) {
    return new Date(ms).toLocaleTimeString([], withSeconds
      ? { hour: '2-digit', minute: '2-digit', second: '2-digit' }
      : { hour: '2-digit', minute: '2-digit' });
  }

  function setStatus(text, error) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('error', Boolean(error));
  }

  // ---- cards, chart, top lists ----

  function renderStats(stats) {
    $('card-active-sessions').textContent = number.format(stats.active_sessions);
    $('card-active-users').textContent = number.format(stats.active_users);
    const bots = number.format(stats.bot_sessions) + (stats.bot_sessions === 1 ? ' session' : ' sessions');
    $('card-bots').textContent = (stats.include_bots ? 'bots included (' : 'bots excluded (') + bots + ')';
    $('card-events-last-minute').textContent = number.format(stats.events_last_minute);
    $('card-events-current-minute').textContent = 'this minute so far: ' + number.format(stats.events_current_minute);
    $('card-median-duration').textContent = stats.active_sessions ? duration(stats.median_session_duration_ms) : '–';
    $('chart-total').textContent = number.format(stats.events_last_30_minutes) + ' in the last 30 minutes';
    renderChart(stats.events_per_minute);
    renderRanked($('top-pages'), stats.top_pages, 'page_url', 'No pages yet');
    renderRanked($('top-referrers'), stats.top_referrers, 'referrer', 'No referrers yet');
  }

  let chartMinutes = null;
  window.addEventListener('resize', () => {
    if (chartMinutes) renderChart(chartMinutes);
  });

  function renderChart(minutes) {
    chartMinutes = minutes;
    const chart = $('chart');
    // Drawn in the chart's own pixels, so the labels are never stretched.
    const width = Math.max(200, Math.round(chart.clientWidth || 640));
    const height = Math.max(100, Math.round(chart.clientHeight || 180));
    const left = 34, bottom = 20, top = 8;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const max = Math.max(1, ...minutes.map((m) => m.events));
    const step = (width - left) / minutes.length;
    const scale = (height - bottom - top) / max;
    const nodes = [];
    nodes.push(svg('line', { class: 'axis', x1: left, x2: width, y1: height - bottom, y2: height - bottom }));
    nodes.push(svg('line', { class: 'axis', x1: left, x2: width, y1: top, y2: top }));
    const maxLabel = svg('text', { x: left - 6, y: top + 4, 'text-anchor': 'end' });
    maxLabel.textContent = number.format(max);
    nodes.push(maxLabel);
    const zero = svg('text', { x: left - 6, y: height - bottom + 4, 'text-anchor': 'end' });
    zero.textContent = '0';
    nodes.push(zero);
    minutes.forEach((minute, i) => {
      const h = minute.events * scale;
      const bar = svg('rect', {
        class: i === minutes.length - 1 ? 'bar now' : 'bar',
        x: left + i * step + 1, y: height - bottom - h, width: Math.max(1, step - 2), height: h,
      });
      const title = svg('title');
      title.textContent = clock(minute.minute) + ': ' + number.format(minute.events) + ' events';
      bar.appendChild(title);
      nodes.push(bar);
      if (i % 5 === 0 || i === minutes.length - 1) {
        const last = i === minutes.length - 1;
        const label = svg('text', {
          x: last ? width - 1 : left + i * step + step / 2, y: height - 5, 'text-anchor': last ? 'end' : 'middle',
        });
        label.textContent = last ? 'now' : '-' + (minutes.length - 1 - i) + 'm';
        nodes.push(label);
      }
    });
    chart.replaceChildren(...nodes);
  }

  function renderRanked(list, rows, field, emptyText) {
    if (!rows.length) {
      list.replaceChildren(el('li', emptyText, 'none'));
      return;
    }
    const max = Math.max(...rows.map((r) => r.sessions));
    list.replaceChildren(...rows.map((row) => {
      const item = el('li');
      const fill = el('span', null, 'fill');
      fill.style.width = Math.round((row.sessions / max) * 100) + '%';
      const name = el('span', row[field], 'name');
      name.title = row[field];
      item.append(fill, name, el('span', number.format(row.sessions), 'count'));
      return item;
    }));
  }

  // ---- active sessions table ----

  function renderSessions(result, now) {
    $('sessions-total').textContent = number.format(result.total) + ' active';
    const rows = result.sessions.map((s) => {
      const row = el('tr');
      row.dataset.sessionId = s.session_id;
      row.tabIndex = 0;
      if (s.session_id === state.selected) row.classList.add('selected');
      const id = el('td', s.session_id, 'mono');
      id.title = s.session_id;
      if (s.is_bot) id.append(el('span', 'bot', 'bot-badge'));
      const user = el('td', s.user_id, 'hide-narrow');
      user.title = s.user_id || '';
      const page = el('td', shortPage(s.current_page));
      page.title = s.current_page || '';
      row.append(id, user, page,
        el('td', number.format(s.total_events), 'num'),
        el('td', duration(s.session_duration), 'num hide-narrow'),
        el('td', ago(s.last_activity, now), 'num'));
      if (s.session_id === state.selected && s.last_activity !== state.selectedActivity) {
        state.selectedActivity = s.last_activity;
        openTimeline(s.session_id, true);
      }
      return row;
    });
    $('sessions-body').replaceChildren(...rows);
    $('sessions-empty').hidden = result.total > 0;
    state.nextCursor = result.next_cursor;
    $('page-older').disabled = !result.next_cursor;
    $('page-newer').disabled = state.page === 0;
    const first = state.page * PAGE_SIZE;
    $('page-label').textContent = result.sessions.length
      ? (first + 1) + '–' + (first + result.sessions.length) + ' of ' + number.format(result.total) : '';
  }

  // A page as its path when it is an absolute URL (the full value stays in the cell's title).
  function shortPage(page) {
    if (!page) return '–';
    let path;
    try {
      const url = new URL(page);
      path = url.pathname + url.search + url.hash;
    } catch (ignored) {
      return page;
    }
    try {
      return decodeURIComponent(path);
    } catch (ignored) {
      return path;
    }
  }

  // ---- timeline ----

  async function openTimeline(sessionId, quiet) {
    state.selected = sessionId;
    const panel = $('timeline');
    panel.hidden = false;
    $('timeline-title').textContent = sessionId;
    for (const row of $('sessions-body').children) {
      row.classList.toggle('selected', row.dataset.sessionId === sessionId);
    }
    const path = 'api/sessions/' + encodeURIComponent(sessionId);
    try {
      const [session, events] = await Promise.all([api(path), api(path + '/events', { limit: 100 })]);
      if (state.selected !== sessionId) return;
      renderSummary(session);
      renderEvents(events, false);
      if (!quiet) panel.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
    } catch (error) {
      handleError(error);
    }
  }

  function renderSummary(s) {
    const pairs = [
      ['User', s.user_id], ['Started', new Date(s.start_time).toLocaleString()],
      ['Duration', duration(s.session_duration)], ['Events', s.total_events], ['Page views', s.page_views],
      ['Entry page', s.entry_page], ['Current page', s.current_page], ['Exit page', s.exit_page],
      ['Referrer', s.referrer || '(direct)'], ['User agent', s.user_agent],
      ['Event types', Object.entries(s.event_types || {}).map(([t, n]) => t + ' × ' + n).join(', ')],
      ['Status', (s.active ? 'active' : 'ended') + (s.is_bot ? ', bot' : '')],
    ];
    $('timeline-summary').replaceChildren(...pairs.flatMap(([name, value]) =>
      [el('dt', name), el('dd', value === undefined || value === null || value === '' ? '–' : value)]));
  }

  function renderEvents(result, append) {
    const items = result.events.map((e) => {
      const item = el('li');
      item.append(el('span', clock(e.timestamp, true), 'time'), el('span', e.event_type, 'type'),
        el('span', e.page_url || ''));
      const details = [];
      if (e.element_tag || e.element_text) {
        details.push('<' + (e.element_tag || '?') + '> ' + (e.element_text || e.element_id || ''));
      }
      if (e.properties && Object.keys(e.properties).length) details.push(JSON.stringify(e.properties));
      if (details.length) item.append(el('span', details.join(' · '), 'detail'));
      return item;
    });
    if (append) {
      $('timeline-events').append(...items);
    } else {
      $('timeline-events').replaceChildren(...items);
    }
    state.timelineCursor = result.next_cursor;
    $('timeline-more').hidden = !result.next_cursor;
  }

  async function moreEvents() {
    const sessionId = state.selected;
    if (!sessionId || !state.timelineCursor) return;
    try {
      const path = 'api/sessions/' + encodeURIComponent(sessionId) + '/events';
      const events = await api(path, { limit: 100, cursor: state.timelineCursor });
      if (state.selected === sessionId) renderEvents(events, true);
    } catch (error) {
      handleError(error);
    }
  }

  // ---- refresh loop ----

  async function refresh() {
    if (state.refreshing) return;
    state.refreshing = true;
    try {
      const bots = state.includeBots ? 'true' : null;
      // One request, answered from one read of the ActiveSessions table: the stats and this page of the table.
      const live = await api('api/live', { limit: PAGE_SIZE, cursor: state.cursors[state.page], include_bots: bots });
      const stats = live.stats;
      const sessions = live.active_sessions;
      renderStats(stats);
      renderSessions(sessions, stats.generated_at);
      $('token-form').hidden = true;
      setStatus('updated ' + clock(stats.generated_at, true));
      document.body.dataset.refreshedAt = String(stats.generated_at);
    } catch (error) {
      handleError(error);
    } finally {
      state.refreshing = false;
    }
  }

  function handleError(error) {
    if (error instanceof Unauthorized) {
      $('token-form').hidden = false;
      setStatus('access token needed', true);
    } else {
      setStatus('not updating: ' + error.message, true);
    }
  }

  function schedule() {
    clearInterval(state.timer);
    state.timer = document.hidden ? null : setInterval(refresh, REFRESH_MS);
  }

  document.addEventListener('visibilitychange', () => {
    schedule();
    if (!document.hidden) refresh();
  });

  $('include-bots').addEventListener('change', (event) => {
    state.includeBots = event.target.checked;
    state.cursors = [null];
    state.page = 0;
    refresh();
  });
  $('page-older').addEventListener('click', () => {
    if (!state.nextCursor) return;
    state.cursors[state.page + 1] = state.nextCursor;
    state.page += 1;
    refresh();
  });
  $('page-newer').addEventListener('click', () => {
    if (state.page === 0) return;
    state.page -= 1;
    refresh();
  });
  $('sessions-body').addEventListener('click', (event) => {
    const row = event.target.closest('tr');
    if (row && row.dataset.sessionId) {
      state.selectedActivity = null;
      openTimeline(row.dataset.sessionId);
    }
  });
  $('sessions-body').addEventListener('keydown', (event) => {
    const row = event.target.closest('tr');
    if (row && event.key === 'Enter') openTimeline(row.dataset.sessionId);
  });
  $('timeline-more').addEventListener('click', moreEvents);
  $('timeline-close').addEventListener('click', () => {
    state.selected = null;
    $('timeline').hidden = true;
    for (const row of $('sessions-body').children) row.classList.remove('selected');
  });
  $('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    state.token = $('token-input').value.trim();
    sessionStorage.setItem(TOKEN_KEY, state.token);
    refresh();
  });

  refresh();
  schedule();
})();
