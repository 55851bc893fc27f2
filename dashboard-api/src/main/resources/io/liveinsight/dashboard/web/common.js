// LiveInsight dashboard: what both views share. Every value from the API is written with textContent or as an
// attribute value through the DOM API, never parsed as HTML; the page's Content-Security-Policy allows no inline
// script either. The views register here (live: dashboard.js, statistics: stats.js) and the URL fragment picks one.
'use strict';
window.LiveInsightPage = (() => {
  const TOKEN_KEY = 'liveinsight.token';
  const SVG = 'http://www.w3.org/2000/svg';
  const state = { token: sessionStorage.getItem(TOKEN_KEY), views: {}, current: null };

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

  async function api(path, params) {
    const url = new URL(path, document.baseURI);
    url.search = query(params);
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

  // ---- views: #stats shows the statistics, anything else the live view ----

  function view(name, handlers) {
    state.views[name] = handlers;
  }

  function route() {
    const name = location.hash === '#stats' ? 'stats' : 'live';
    if (name === state.current) return;
    if (state.current) state.views[state.current].hide();
    state.current = name;
    for (const link of document.querySelectorAll('[data-view-link]')) {
      link.setAttribute('aria-current', link.dataset.viewLink === name ? 'page' : 'false');
    }
    for (const section of document.querySelectorAll('[data-view]')) section.hidden = section.dataset.view !== name;
    state.views[name].show();
  }

  // Deferred scripts all run before DOMContentLoaded: every view has registered by then.
  document.addEventListener('DOMContentLoaded', () => {
    window.addEventListener('hashchange', route);
    $('token-form').addEventListener('submit', (event) => {
      event.preventDefault();
      state.token = $('token-input').value.trim();
      sessionStorage.setItem(TOKEN_KEY, state.token);
      if (state.current) state.views[state.current].refresh();
    });
    route();
  });

  return Object.freeze({
    $, el, svg, api, Unauthorized, ApiError, number, percent, duration, clock, setStatus, askTokenOn, tokenAccepted,
    view,
  });
})();
