// LiveInsight dashboard: what both views share. Every value from the API is written with textContent or as an
// attribute value through the DOM API, never parsed as HTML; the page's Content-Security-Policy allows no inline
// script either. The views register here (live: dashboard.js, statistics: stats.js) and the URL fragment picks one,
// which site they show (`#live&site=<id>`, chosen in the site picker; every request carries `site`) and which traffic:
// live traffic, or one replay run of that site (`#stats&replay=<run>`, chosen in the run picker).
'use strict';
window.LiveInsightPage = (() => {
  const TOKEN_KEY = 'liveinsight.token';
  const SVG = 'http://www.w3.org/2000/svg';
  // A replay run id as the API takes it (docs/contract/replay.md#lane): 1-40 of a-z 0-9 -, not starting with -.
  const RUN = /^[a-z0-9][a-z0-9-]{0,39}$/;
  // A site id (docs/contract/sites.md#site-ids): 1-32 of a-z 0-9 -, not starting with -.
  const SITE = /^[a-z0-9][a-z0-9-]{0,31}$/;
  const DEFAULT_SITE = 'default';
  const RUNS_MAX_AGE_MS = 15000;
  const state = {
    token: sessionStorage.getItem(TOKEN_KEY), views: {}, current: null, replay: null, runsAt: 0,
    site: DEFAULT_SITE, siteNamed: false, sitesAt: 0,
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

  class Unauthorized extends Error {
    constructor() {
      super('access token needed');
    }
  }

  /** A refused request: its status, the API's `error` and every reason it gave, and Retry-After in seconds. */
  class ApiError extends Error {
    constructor(status, body, retryAfter) {
      super(typeof body.error === 'string' ? body.error : 'HTTP ' + status);
      this.status = status;
      this.reasons = Array.isArray(body.reasons) ? body.reasons.map(String) : [];
      this.retryAfter = retryAfter;
    }
  }

  // Parameters as %-escapes (encodeURIComponent): a space is %20, never '+', which not every front decodes.
  function query(params) {
    return Object.entries(params || {})
      .filter(([, value]) => value !== null && value !== undefined)
      .map(([name, value]) => encodeURIComponent(name) + '=' + encodeURIComponent(String(value)))
      .join('&');
  }

  // Every route reads one site: the one chosen goes with every request but the list of sites itself.
  async function api(path, params) {
    const url = new URL(path, document.baseURI);
    url.search = query(path === 'api/sites' ? params : { ...params, site: state.site });
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const response = await fetch(url, { headers, cache: 'no-store' });
    if (response.status === 401) throw new Unauthorized();
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      const retry = Number.parseInt(response.headers.get('Retry-After') || '', 10);
      throw new ApiError(response.status, body || {}, Number.isFinite(retry) && retry >= 0 ? retry : null);
    }
    return body;
  }

  const number = new Intl.NumberFormat();
  const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

  function percent(fraction) {
    return Number.isFinite(fraction) ? percentFormat.format(fraction) : '–';
  }

  function duration(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60) return seconds + 's';
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) return minutes + 'm ' + String(seconds % 60).padStart(2, '0') + 's';
    return Math.floor(minutes / 60) + 'h ' + String(minutes % 60).padStart(2, '0') + 'm';
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

  /** Asks for the token when the API wants one; true when that was the error. */
  function askTokenOn(error) {
    if (!(error instanceof Unauthorized)) return false;
    $('token-form').hidden = false;
    setStatus('access token needed', true);
    return true;
  }

  function tokenAccepted() {
    $('token-form').hidden = true;
  }

  // ---- views: #stats shows the statistics, anything else the live view; `&replay=<run>` a replay run ----

  function view(name, handlers) {
    state.views[name] = handlers;
  }

  function fragmentValue(part, name) {
    try {
      return decodeURIComponent(part.slice(name.length + 1));
    } catch (ignored) {
      return '';
    }
  }

  /**
   * The fragment as a view, a site and a run: `#stats`, `#live&site=shop&replay=run-7`, `#replay=run-7` (live). A
   * site or run that is not one is ignored: the default site, live traffic.
   */
  function parseHash(hash) {
    const parts = hash.replace(/^#/, '').split('&');
    let replay = null;
    let site = null;
    for (const part of parts) {
      if (part.startsWith('replay=')) {
        const run = fragmentValue(part, 'replay');
        replay = RUN.test(run) ? run : null;
      } else if (part.startsWith('site=')) {
        const id = fragmentValue(part, 'site');
        site = SITE.test(id) ? id : null;
      }
    }
    return { view: parts[0] === 'stats' ? 'stats' : 'live', replay, site };
  }

  function hashOf(name, replay, site) {
    return '#' + name + (site && site !== DEFAULT_SITE ? '&site=' + encodeURIComponent(site) : '')
      + (replay ? '&replay=' + encodeURIComponent(replay) : '');
  }

  /** The replay run the views show, or null for live traffic: every live and statistics request carries it. */
  function replay() {
    return state.replay;
  }

  /** The site the views show: every request carries it. */
  function site() {
    return state.site;
  }

  function route() {
    const asked = parseHash(location.hash);
    const name = asked.view;
    if (name !== state.current && state.current) state.views[state.current].hide();
    const chosen = asked.site || DEFAULT_SITE;
    state.siteNamed = Boolean(asked.site);
    const siteChanged = chosen !== state.site;
    if (siteChanged) {
      state.site = chosen;
      showSite();
      state.runsAt = 0;
      if (state.current) loadRuns(); // the runs are the site's
    }
    if (siteChanged || asked.replay !== state.replay) {
      state.replay = asked.replay;
      showLane();
      for (const handlers of Object.values(state.views)) handlers.laneChanged();
    }
    for (const link of document.querySelectorAll('[data-view-link]')) {
      link.setAttribute('href', hashOf(link.dataset.viewLink, state.replay, state.site));
    }
    if (name === state.current) return;
    state.current = name;
    for (const link of document.querySelectorAll('[data-view-link]')) {
      link.setAttribute('aria-current', link.dataset.viewLink === name ? 'page' : 'false');
    }
    for (const section of document.querySelectorAll('[data-view]')) section.hidden = section.dataset.view !== name;
    state.views[name].show();
  }

  // ---- the site picker: the sites of GET /api/sites (this token's), by name; the choice in the fragment ----

  function siteOption(value, text) {
    const option = el('option', text);
    option.value = value;
    return option;
  }

  function siteLabel(entry) {
    const name = typeof entry.name === 'string' && entry.name ? entry.name : entry.id;
    return name + (name === entry.id ? '' : ' (' + entry.id + ')') + (entry.status === 'disabled' ? ' · disabled' : '');
  }

  function showSite() {
    const picker = $('site');
    if (![...picker.options].some((option) => option.value === state.site)) picker.append(siteOption(state.site, state.site));
    picker.value = state.site;
  }

  async function loadSites() {
    state.sitesAt = Date.now();
    let sites;
    try {
      const body = await api('api/sites');
      sites = Array.isArray(body.sites) ? body.sites.filter((entry) => entry && SITE.test(String(entry.id))) : [];
    } catch (error) {
      return; // the views say what is wrong (a 401 asks for the token); the picker keeps what it has
    }
    const options = sites.map((entry) => siteOption(String(entry.id), siteLabel(entry)));
    if (!sites.some((entry) => entry.id === state.site)) {
      // A token that reads one site opens on it, unless the link named a site.
      if (!state.siteNamed && sites.length === 1) {
        $('site').replaceChildren(...options);
        location.hash = hashOf(state.current || 'live', null, String(sites[0].id));
        return;
      }
      options.push(siteOption(state.site, state.site));
    }
    $('site').replaceChildren(...options);
    $('site').value = state.site;
  }

  // ---- the run picker: "Live traffic" or a run of GET /api/replay/runs, newest first ----

  function showLane() {
    const banner = $('replay-banner');
    banner.hidden = !state.replay;
    banner.textContent = state.replay ? 'Replay run ' + state.replay : '';
    document.body.classList.toggle('replaying', Boolean(state.replay));
    const picker = $('replay-run');
    if (state.replay && ![...picker.options].some((option) => option.value === state.replay)) {
      picker.append(runOption(state.replay, state.replay));
    }
    picker.value = state.replay || '';
  }

  function runOption(value, text) {
    const option = el('option', text);
    option.value = value;
    return option;
  }

  function runLabel(run) {
    const last = Date.parse(run.last_at);
    return Number.isFinite(last) ? run.run + ' · last ' + new Date(last).toLocaleString() : run.run;
  }

  async function loadRuns() {
    state.runsAt = Date.now();
    let runs;
    try {
      const body = await api('api/replay/runs');
      runs = Array.isArray(body.runs) ? body.runs.filter((run) => run && RUN.test(String(run.run))) : [];
    } catch (error) {
      return; // the views say what is wrong (a 401 asks for the token); the picker keeps what it has
    }
    const options = [runOption('', 'Live traffic'), ...runs.map((run) => runOption(String(run.run), runLabel(run)))];
    if (state.replay && !runs.some((run) => run.run === state.replay)) options.push(runOption(state.replay, state.replay));
    $('replay-run').replaceChildren(...options);
    $('replay-run').value = state.replay || '';
  }

  function refreshRuns() {
    if (Date.now() - state.runsAt > RUNS_MAX_AGE_MS) loadRuns();
  }

  // Deferred scripts all run before DOMContentLoaded: every view has registered by then.
  document.addEventListener('DOMContentLoaded', () => {
    window.addEventListener('hashchange', route);
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      state.token = $('token-input').value.trim();
      sessionStorage.setItem(TOKEN_KEY, state.token);
      loadSites();
      loadRuns();
      if (state.current) state.views[state.current].refresh();
    });
    const picker = $('replay-run');
    picker.addEventListener('change', () => {
      location.hash = hashOf(state.current || 'live', RUN.test(picker.value) ? picker.value : null, state.site);
    });
    picker.addEventListener('focus', refreshRuns);
    picker.addEventListener('pointerdown', refreshRuns);
    const sitePicker = $('site');
    sitePicker.addEventListener('change', () => {
      // another site: its live traffic (a run belongs to its site)
      if (SITE.test(sitePicker.value)) location.hash = hashOf(state.current || 'live', null, sitePicker.value);
    });
    sitePicker.addEventListener('focus', () => Date.now() - state.sitesAt > RUNS_MAX_AGE_MS && loadSites());
    route();
    showSite();
    loadSites();
    loadRuns();
  });

  return Object.freeze({
    $, el, svg, api, Unauthorized, ApiError, number, percent, duration, clock, setStatus, askTokenOn, tokenAccepted,
    view, replay, site,
  });
})();
