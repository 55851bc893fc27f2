// A fake browser window for the unit tests: a clock that only moves when told, timers on that clock,
// localStorage, fetch and sendBeacon that record what they are given, and just enough DOM.
import { webcrypto } from 'node:crypto';
import { install } from '../src/tracker.js';

export const START = Date.UTC(2026, 10, 26, 12, 0, 0);

export function storage() {
  const items = new Map();
  return {
    items,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem: (k, v) => items.set(k, String(v)),
    removeItem: (k) => items.delete(k),
  };
}

export function clock(t = START) {
  const timers = new Map();
  let next = 1;
  const c = {
    now: () => t,
    setTimeout: (fn, ms = 0) => (timers.set(next, { fn, at: t + ms }), next++),
    setInterval: (fn, ms) => (timers.set(next, { fn, at: t + ms, every: ms }), next++),
    clear: (id) => timers.delete(id),
    pending: () => timers.size,
    /** Moves time forward by ms, running due timers in order and letting promise callbacks settle. */
    async advance(ms) {
      const end = t + ms;
      await settle();
      for (;;) {
        const due = [...timers.entries()].filter(([, x]) => x.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        const [id, timer] = due;
        t = Math.max(t, timer.at);
        if (timer.every) timer.at += timer.every;
        else timers.delete(id);
        timer.fn();
        await settle();
      }
      t = end;
    },
  };
  return c;
}

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
};

function listeners() {
  const all = {};
  return {
    addEventListener: (type, fn) => (all[type] = all[type] || []).push(fn),
    dispatchEvent: (type, event = {}) => (all[type] || []).forEach((fn) => fn(event)),
  };
}

/** An element that knows the selectors the tracker asks about: tag names and [attribute]. */
export function element(tag, { id = '', className = '', text = '', attrs = {}, href, children = [] } = {}) {
  const el = {
    tagName: tag.toUpperCase(),
    id,
    className,
    attrs,
    href,
    parentElement: null,
    children,
    get textContent() {
      return text + children.map((c) => c.textContent).join('');
    },
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    matches: (selector) =>
      selector.split(',').some((s) => (s.startsWith('[') ? s.slice(1, -1) in attrs : s.toUpperCase() === el.tagName)),
    closest(selector) {
      for (let e = el; e; e = e.parentElement) if (e.matches(selector)) return e;
      return null;
    },
    querySelector(selector) {
      for (const c of children) {
        if (c.matches(selector)) return c;
        const found = c.querySelector(selector);
        if (found) return found;
      }
      return null;
    },
  };
  children.forEach((c) => (c.parentElement = el));
  return el;
}

/** A body's events, and its site key when it is the envelope {"site", "events"} (null when it is a bare array). */
function unwrap(body) {
  const parsed = JSON.parse(body);
  return Array.isArray(parsed) ? { events: parsed, site: null } : { events: parsed.events, site: parsed.site };
}

/**
 * A window on a page. Options: url, referrer, store (share it between windows to play tabs or page loads),
 * clock, dnt, gpc, respond (fetch: request => {status, headers} or 'offline'), beacon (true/false).
 */
export function fakeWindow(options = {}) {
  const c = options.clock || clock();
  const requests = [];
  const beacons = [];
  const doc = listeners();
  const win = listeners();
  const cookies = [];
  const w = {
    ...win,
    Date: { now: c.now },
    setTimeout: c.setTimeout,
    clearTimeout: c.clear,
    setInterval: c.setInterval,
    clearInterval: c.clear,
    crypto: webcrypto,
    AbortSignal: { timeout: (ms) => ({ timeoutMs: ms }) },
    localStorage: options.store || storage(),
    location: { href: options.url || 'https://shop.example/' },
    scrollY: 0,
    innerHeight: 800,
    navigator: {
      doNotTrack: options.dnt ? '1' : null,
      globalPrivacyControl: !!options.gpc,
      sendBeacon: (url, body) => {
        beacons.push({ url, body, ...unwrap(body) });
        return options.beacon !== false;
      },
    },
    fetch: (url, init) => {
      const request = { url, init, ...unwrap(init.body) };
      requests.push(request);
      const answer = (options.respond || (() => ({ status: 200 })))(request, requests.length);
      if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
      if (answer === 'hang') {
        // No answer: only the request's timeout signal ends it.
        return new Promise((resolve, reject) => c.setTimeout(() => reject(new Error('TimeoutError')), init.signal.timeoutMs));
      }
      const headers = answer.headers || {};
      return Promise.resolve({ status: answer.status, headers: { get: (name) => headers[name] ?? null } });
    },
    document: {
      ...doc,
      referrer: options.referrer || '',
      visibilityState: options.hidden ? 'hidden' : 'visible',
      documentElement: { scrollHeight: 4000 },
      set cookie(value) {
        cookies.push(value);
      },
    },
  };
  w.history = {
    pushState: (state, title, url) => (w.location.href = new URL(url, w.location.href).href),
    replaceState: (state, title, url) => url != null && (w.location.href = new URL(url, w.location.href).href),
  };
  return {
    w,
    clock: c,
    requests,
    beacons,
    cookies,
    /** Every event sent by fetch, in order. */
    sent: () => requests.flatMap((r) => r.events),
    stored: () => JSON.parse(w.localStorage.getItem('li_q') || '[]'),
    install: () => install(w),
    setVisibility(state) {
      w.document.visibilityState = state;
      doc.dispatchEvent('visibilitychange');
    },
    pagehide: () => win.dispatchEvent('pagehide'),
    online: () => win.dispatchEvent('online'),
    scrollTo(y) {
      w.scrollY = y;
      win.dispatchEvent('scroll');
    },
    click: (target) => doc.dispatchEvent('click', { target }),
    popTo(url) {
      w.location.href = new URL(url, w.location.href).href;
      win.dispatchEvent('popstate');
    },
  };
}

/** A page with the tracker loaded and initialised, its first page view already queued. */
export async function page(options = {}, init = {}) {
  const p = fakeWindow(options);
  p.install().init({ heartbeatInterval: 0, ...init });
  await p.clock.advance(0);
  return p;
}
