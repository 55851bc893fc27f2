// LiveInsight statistics view (#stats): a range (today, 24 h, 7 or 30 days, or from/to) in a time zone, read from
// the native statistics API (summary, series, breakdowns), with drill-downs into an hour, a page or a source
// (stats-details.js). Values from the API go into the DOM as text only (common.js).
'use strict';
(() => {
  const page = window.LiveInsightPage;
  const { $, el, api, number, percent, duration, setStatus } = page;
  const zone = window.LiveInsightZone;
  const details = window.LiveInsightDetails;
  const REFRESH_MS = 60000;
  const LIMIT = 10;
  const HOUR_MS = 3600000;
  const RESOLUTIONS = { minute: 'per minute', '5m': 'per 5 minutes', hour: 'per hour', day: 'per day' };
  const CHANNELS = {
    direct: 'Direct', internal: 'Internal', organic_search: 'Organic search', paid_search: 'Paid search',
    organic_social: 'Organic social', paid_social: 'Paid social', email: 'Email', display: 'Display',
    referral: 'Referral', other_campaign: 'Other campaign',
  };
  const LISTS = [
    { dimension: 'page', unit: 'page views', drill: 'page' },
    { dimension: 'source', unit: 'sessions', drill: 'source' },
    { dimension: 'channel', unit: 'sessions', names: CHANNELS },
    { dimension: 'campaign', unit: 'sessions' },
    { dimension: 'device', unit: 'sessions' },
    { dimension: 'browser', unit: 'sessions' },
  ];

  const state = {
    range: '24h',
    from: null, // custom range, epoch ms
    to: null,
    tz: zone.browserZone(),
    resolution: '',
    shown: false,
    generation: 0,
    timer: null,
    retry: null,
    answered: null, // the range of the last answer
    series: null,
  };
  const view = $('stats-view');

  // Every statistics request: the range, and the replay run chosen (none for live traffic).
  function params() {
    return state.range === 'custom'
      ? { from: zone.iso(state.from), to: zone.iso(state.to), tz: state.tz, replay: page.replay() }
      : { range: state.range, tz: state.tz, replay: page.replay() };
  }

  async function load() {
    if (!state.shown) return;
    clearTimeout(state.retry);
    const generation = ++state.generation;
    const asked = params();
    view.setAttribute('aria-busy', 'true');
    setStatus('loading statistics…');
    try {
      const [summary, series, ...lists] = await Promise.all([
        api('api/stats/summary', asked),
        api('api/stats/series', { ...asked, resolution: state.resolution || null }),
        ...LISTS.map((list) => api('api/stats/breakdown', { ...asked, dimension: list.dimension, limit: LIMIT })),
      ]);
      if (generation !== state.generation || !state.shown) return;
      page.tokenAccepted();
      $('stats-error').hidden = true;
      state.answered = summary.range || {};
      renderRange(state.answered);
      renderSummary(summary);
      renderSeries(series);
      lists.forEach((body, i) => renderList(LISTS[i], body));
      details.refresh();
      setStatus('updated ' + zone.dateTime(Date.now(), state.tz, true));
      view.dataset.loads = String(Number(view.dataset.loads || 0) + 1); // tests wait on it
    } catch (error) {
      if (generation === state.generation) failed(error);
    } finally {
      if (generation === state.generation) view.setAttribute('aria-busy', 'false');
    }
  }

  // ---- errors: every reason the API gave, as text ----

  function failed(error) {
    if (!state.shown) return;
    if (page.askTokenOn(error)) {
      problem('This dashboard needs an access token (401): enter it above.', []);
      return;
    }
    if (error instanceof page.ApiError && error.status === 503) {
      const seconds = error.retryAfter === null ? 5 : Math.max(1, Math.min(error.retryAfter, 300));
      problem('The statistics are not answering (503): ' + error.message, ['Trying again in ' + seconds + ' s.']);
      state.retry = setTimeout(load, seconds * 1000);
    } else if (error instanceof page.ApiError) {
      const what = error.status === 400 ? 'The API refused these parameters (400): ' : 'HTTP ' + error.status + ': ';
      problem(what + error.message, error.reasons);
    } else {
      problem('The dashboard API could not be reached: ' + error.message, []);
    }
    setStatus('not updating: ' + error.message, true);
  }

  function problem(title, reasons) {
    $('stats-error-title').textContent = title;
    $('stats-error-reasons').replaceChildren(...reasons.map((reason) => el('li', reason)));
    $('stats-error').hidden = false;
  }

  // ---- rendering ----

  function renderRange(range) {
    const from = Date.parse(range.from);
    const to = Date.parse(range.to);
    const tz = range.tz || state.tz;
    $('stats-range').textContent = Number.isFinite(from) && Number.isFinite(to)
      ? zone.dateTime(from, tz) + ' – ' + zone.dateTime(to, tz) + ' (' + tz + ')' : '';
    for (const button of document.querySelectorAll('[data-range]')) {
      button.setAttribute('aria-pressed', String(button.dataset.range === state.range));
    }
  }

  function count(value) {
    return Number.isFinite(value) ? number.format(value) : '–';
  }

  /** "1 bot event", "2 bot events". */
  function counted(value, one, many) {
    return count(value) + ' ' + (value === 1 ? one : many);
  }

  function renderSummary(s) {
    $('stats-sessions').textContent = count(s.sessions);
    $('stats-sessions-sub').textContent =
      count(s.sessions_ended) + ' ended · ' + counted(s.bot_sessions, 'bot session', 'bot sessions') + ' apart';
    $('stats-events').textContent = count(s.events);
    $('stats-events-sub').textContent = counted(s.page_views, 'page view', 'page views') + ' · '
      + counted(s.bot_events, 'bot event', 'bot events') + ' apart';
    $('stats-users').textContent = count(s.users);
    $('stats-users-sub').textContent = 'estimated, ±' + percent(s.users_error) + ' (HyperLogLog)';
    $('stats-avg-session').textContent = s.sessions_ended > 0 && Number.isFinite(s.avg_session_seconds)
      ? duration(s.avg_session_seconds * 1000) : '–';
    $('stats-avg-session-sub').textContent = 'over ' + counted(s.sessions_ended, 'ended session', 'ended sessions');
    $('stats-bounce-rate').textContent = percent(s.bounce_rate);
    $('stats-bounce-rate-sub').textContent = counted(s.bounces, 'single-page session', 'single-page sessions');
    $('stats-conversion-rate').textContent = percent(s.conversion_rate);
    $('stats-conversion-rate-sub').textContent = counted(s.converted_sessions, 'session', 'sessions') + ' converted · '
      + counted(s.conversions, 'conversion', 'conversions');
  }

  function renderSeries(series) {
    state.series = { resolution: series.resolution, points: Array.isArray(series.points) ? series.points : [] };
    $('stats-resolution-label').textContent = RESOLUTIONS[series.resolution] || '';
    $('stats-chart-hint').textContent = series.resolution === 'day'
      ? 'Click a day to see it hour by hour.' : 'Click an hour for its events.';
    drawSeries();
  }

  function drawSeries() {
    const points = state.series.points;
    window.LiveInsightChart.draw($('stats-chart'), {
      points,
      bars: [{ field: 'events', className: 'bar' }, { field: 'page_views', className: 'bar views' }],
      lines: [{ field: 'sessions', className: 'line' }],
      label: (point) => point.label,
      title: (point) => zone.dateTime(point.start_ms, state.tz) + ': ' + count(point.events) + ' events, '
        + count(point.page_views) + ' page views, ' + count(point.sessions) + ' sessions, '
        + count(point.conversions) + ' conversions',
      selectable: true,
    });
  }

  function renderList(list, body) {
    const items = Array.isArray(body.items) ? body.items : [];
    const other = Number.isFinite(body.other) ? body.other : 0;
    $('stats-' + list.dimension + '-total').textContent = count(body.total) + ' ' + list.unit;
    const target = $('stats-' + list.dimension);
    if (!items.length && !other) {
      target.replaceChildren(el('li', 'None in this range', 'none'));
      return;
    }
    const max = Math.max(1, other, ...items.map((item) => item.count));
    const rows = items.map((item) => row(list, String(item.key), item.count, max));
    if (other > 0) rows.push(row(null, 'other', other, max));
    target.replaceChildren(...rows);
  }

  function row(list, key, value, max) {
    const item = el('li', null, list ? null : 'other');
    const fill = el('span', null, 'fill');
    fill.style.width = Math.round((Math.max(0, value) / max) * 100) + '%';
    const shown = (list && list.names && list.names[key]) || (key === '' ? '(empty)' : key);
    const name = el(list && list.drill ? 'button' : 'span', shown, 'name');
    name.title = key;
    if (list && list.drill) {
      name.type = 'button';
      name.addEventListener('click', () => openDetails({ dimension: list.drill, key }));
    }
    item.append(fill, name, el('span', count(value), 'count'));
    return item;
  }

  // ---- drill-downs ----

  const context = { params, tz: () => state.tz, failed };

  function openDetails(target) {
    details.open(target, context);
  }

  window.LiveInsightChart.onSelect($('stats-chart'), (i) => {
    const points = state.series ? state.series.points : [];
    const point = points[i];
    if (!point) return;
    if (state.series.resolution === 'day') { // the day, hour by hour
      const end = i + 1 < points.length ? points[i + 1].start_ms : Date.parse(state.answered.to);
      customRange(point.start_ms, end);
      return;
    }
    // Stats hours are UTC hours (in a zone with a 30-minute offset too): the one this slot lies in.
    const hour = Math.floor(point.start_ms / HOUR_MS) * HOUR_MS;
    openDetails({
      dimension: 'hour', key: zone.iso(hour),
      title: zone.dateTime(hour, state.tz) + ' – ' + zone.time(hour + HOUR_MS, state.tz),
    });
  });

  // ---- controls ----

  function customRange(from, to) {
    state.range = 'custom';
    state.from = from;
    state.to = to;
    state.resolution = '';
    $('stats-resolution').value = '';
    showCustom();
    load();
    schedule();
  }

  function showCustom() {
    $('stats-custom').hidden = false;
    const answered = state.answered || {};
    const from = state.range === 'custom' ? state.from : Date.parse(answered.from);
    const to = state.range === 'custom' ? state.to : Date.parse(answered.to);
    if (Number.isFinite(from)) $('stats-from').value = zone.toWall(from, state.tz);
    if (Number.isFinite(to)) $('stats-to').value = zone.toWall(to, state.tz);
  }

  for (const button of document.querySelectorAll('[data-range]')) {
    button.addEventListener('click', () => {
      if (button.dataset.range === 'custom') {
        showCustom();
        $('stats-from').focus();
        return;
      }
      $('stats-custom').hidden = true;
      state.range = button.dataset.range;
      load();
      schedule();
    });
  }

  $('stats-custom').addEventListener('submit', (event) => {
    event.preventDefault();
    const from = zone.fromWall($('stats-from').value, state.tz);
    const to = zone.fromWall($('stats-to').value, state.tz);
    const reasons = [];
    if (!Number.isFinite(from)) reasons.push('From needs a date and a time.');
    if (!Number.isFinite(to)) reasons.push('To needs a date and a time.');
    if (Number.isFinite(from) && Number.isFinite(to) && from >= to) reasons.push('From must be before To.');
    if (reasons.length) {
      problem('This custom range cannot be shown:', reasons);
      return;
    }
    customRange(from, to);
  });

  const zones = $('stats-tz');
  zones.replaceChildren(...zone.zones(state.tz).map((name) => {
    const option = el('option', name);
    option.value = name;
    return option;
  }));
  zones.value = state.tz;
  zones.addEventListener('change', () => {
    state.tz = zones.value;
    if (!$('stats-custom').hidden) showCustom();
    load();
  });

  $('stats-resolution').addEventListener('change', (event) => {
    state.resolution = event.target.value;
    load();
  });

  // A range that ends now is read again every minute while shown and the tab visible.
  function schedule() {
    clearInterval(state.timer);
    state.timer = state.shown && !document.hidden && state.range !== 'custom' ? setInterval(load, REFRESH_MS) : null;
  }

  document.addEventListener('visibilitychange', schedule);

  page.view('stats', {
    show() {
      state.shown = true;
      load();
      schedule();
    },
    hide() {
      state.shown = false;
      state.generation++;
      clearTimeout(state.retry);
      schedule();
    },
    laneChanged: load, // the open details follow, as they follow the range
    refresh: load,
  });
})();
