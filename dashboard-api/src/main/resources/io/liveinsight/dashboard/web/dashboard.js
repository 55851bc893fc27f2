// LiveInsight live view: the last 30 minutes, polled every 5 s while shown. Values from the API go into the DOM as
// text only (common.js).
'use strict';
(() => {
  const REFRESH_MS = 5000;
  const PAGE_SIZE = 25;

  const { $, el, api, number, duration, clock, setStatus, replay } = window.LiveInsightPage;
  const state = {
    includeBots: false,
    cursors: [null],   // cursors[i] opens page i of the active-sessions table
    page: 0,
    nextCursor: null,
    selected: null,    // session id whose timeline is open
    selectedActivity: null,
    timelineCursor: null,
    timer: null,
    refreshing: false,
    again: false,      // a refresh was asked while one was in flight
    generation: 0,     // bumped when the traffic shown changes: answers for the previous one are dropped
    shown: false,
  };

  function ago(ms, now) {
    return duration(Math.max(0, now - ms)) + ' ago';
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

  function renderChart(minutes) {
    window.LiveInsightChart.draw($('chart'), {
      points: minutes,
      bars: [{ field: 'events', className: (i) => (i === minutes.length - 1 ? 'bar now' : 'bar') }],
      labelAt: (i, n) => i % 5 === 0 || i === n - 1,
      label: (minute, i) => (i === minutes.length - 1 ? 'now' : '-' + (minutes.length - 1 - i) + 'm'),
      title: (minute) => clock(minute.minute) + ': ' + number.format(minute.events) + ' events',
    });
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
    if (!state.shown) return;
    if (state.refreshing) {
      state.again = true;
      return;
    }
    state.refreshing = true;
    const generation = state.generation;
    try {
      const bots = state.includeBots ? 'true' : null;
      // One request: the stats and this page of the active sessions, of live traffic or the replay run chosen.
      const live = await api('api/live',
        { limit: PAGE_SIZE, cursor: state.cursors[state.page], include_bots: bots, replay: replay() });
      if (!state.shown || generation !== state.generation) return;
      const stats = live.stats;
      const sessions = live.active_sessions;
      renderStats(stats);
      renderSessions(sessions, stats.generated_at);
      window.LiveInsightPage.tokenAccepted();
      setStatus('updated ' + clock(stats.generated_at, true));
      document.body.dataset.refreshedAt = String(stats.generated_at);
    } catch (error) {
      handleError(error);
    } finally {
      state.refreshing = false;
      if (state.again) {
        state.again = false;
        refresh();
      }
    }
  }

  function handleError(error) {
    if (state.shown && !window.LiveInsightPage.askTokenOn(error)) setStatus('not updating: ' + error.message, true);
  }

  // Polls only while this view is shown and the tab visible.
  function schedule() {
    clearInterval(state.timer);
    state.timer = state.shown && !document.hidden ? setInterval(refresh, REFRESH_MS) : null;
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

  window.LiveInsightPage.view('live', {
    show() {
      state.shown = true;
      refresh();
      schedule();
    },
    hide() {
      state.shown = false;
      schedule();
    },
    // Another run (or live traffic): its sessions from the first page, no timeline of the previous one open.
    laneChanged() {
      state.generation += 1;
      state.cursors = [null];
      state.page = 0;
      state.nextCursor = null;
      state.selected = null;
      $('timeline').hidden = true;
      $('sessions-body').replaceChildren();
      refresh();
    },
    refresh,
  });
})();
