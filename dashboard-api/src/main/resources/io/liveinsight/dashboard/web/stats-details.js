// The statistics view's drill-down: one hour, page or source of the range (GET /api/stats/details): its total, its
// series and its latest events. Keys and event fields are text; the one link (a page) is built only from a key that
// parses as an https URL of the same host, and opens with rel=noopener.
'use strict';
window.LiveInsightDetails = (() => {
  const { $, el, api, number } = window.LiveInsightPage;
  const zone = window.LiveInsightZone;
  const KINDS = {
    hour: { name: 'Hour', unit: 'events in this hour' },
    page: { name: 'Page', unit: 'page views in the range' },
    source: { name: 'Source', unit: 'sessions in the range' },
  };
  const state = { target: null, context: null, generation: 0 };

  /**
   * Opens the details of target {dimension, key, title} for the context {params(): the range's query, tz(), failed(error)}.
   */
  function open(target, context) {
    state.target = target;
    state.context = context;
    const panel = $('stats-details');
    panel.hidden = false;
    $('details-kind').textContent = KINDS[target.dimension].name;
    $('details-title').textContent = target.title || target.key;
    $('details-title').title = target.key;
    $('details-total').textContent = '…';
    $('details-total-label').textContent = '';
    $('details-recent').replaceChildren();
    $('details-recent-count').textContent = '';
    $('details-empty').hidden = true;
    const link = target.dimension === 'page' ? pageLink(target.key) : null;
    $('details-link').hidden = !link;
    if (link) {
      $('details-link').href = link;
      $('details-link').rel = 'noopener noreferrer';
      $('details-link').target = '_blank';
      $('details-link').textContent = 'open page ↗';
    } else {
      $('details-link').removeAttribute('href');
    }
    load().then(() => panel.scrollIntoView({ behavior: 'smooth', block: 'nearest' }));
  }

  async function load() {
    if (!state.target) return;
    const target = state.target;
    const generation = ++state.generation;
    const panel = $('stats-details');
    panel.setAttribute('aria-busy', 'true');
    try {
      const body = await api('api/stats/details',
        { ...state.context.params(), dimension: target.dimension, key: target.key });
      if (generation !== state.generation) return;
      render(body, target);
      panel.dataset.loads = String(Number(panel.dataset.loads || 0) + 1); // tests wait on it
    } catch (error) {
      if (generation === state.generation) state.context.failed(error);
    } finally {
      if (generation === state.generation) panel.setAttribute('aria-busy', 'false');
    }
  }

  function render(body, target) {
    const tz = state.context.tz();
    const kind = KINDS[target.dimension];
    $('details-total').textContent = count(body.total);
    $('details-total-label').textContent = kind.unit;
    const points = Array.isArray(body.series) ? body.series : [];
    window.LiveInsightChart.draw($('details-chart'), {
      points,
      bars: [{ field: 'count', className: 'bar' }],
      label: (point) => point.label,
      title: (point) => zone.dateTime(point.start_ms, tz) + ': ' + count(point.count),
    });
    const recent = Array.isArray(body.recent) ? body.recent : [];
    $('details-recent-count').textContent = recent.length ? '(' + recent.length + ', newest first)' : '';
    $('details-recent').replaceChildren(...recent.map((event) => {
      const row = el('tr');
      row.append(
        cell(Number.isFinite(event.timestamp) ? zone.dateTime(event.timestamp, tz, true) : event.time, 'time'),
        cell(event.event_type),
        cell(event.page),
        cell(event.source),
        cell(event.session_id, 'mono hide-narrow'),
        cell(event.user_id, 'hide-narrow'));
      return row;
    }));
    $('details-empty').hidden = recent.length > 0;
  }

  function cell(value, className) {
    const text = value === undefined || value === null || value === '' ? '–' : String(value);
    const node = el('td', text, className);
    node.title = text;
    return node;
  }

  function count(value) {
    return Number.isFinite(value) ? number.format(value) : '–';
  }

  /** https://<key> when the key is a host and path that parses as one (no credentials, same host), else null. */
  function pageLink(key) {
    let url;
    try {
      url = new URL('https://' + key);
    } catch (ignored) {
      return null;
    }
    const sameHost = key.toLowerCase().startsWith(url.host.toLowerCase() + '/') || key.toLowerCase() === url.host;
    return url.protocol === 'https:' && !url.username && !url.password && url.hostname && sameHost ? url.href : null;
  }

  function close() {
    state.target = null;
    state.generation++;
    $('stats-details').hidden = true;
  }

  $('details-close').addEventListener('click', close);

  /** Reloads the open details for the range now shown. */
  function refresh() {
    if (state.target) load();
  }

  return Object.freeze({ open, refresh, close });
})();
