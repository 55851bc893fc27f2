// LiveInsight browser tracker. build.mjs wraps this module into a self-installing script for window;
// the unit tests import install() and hand it a fake window (clock, storage, network, DOM).

/** Every option of LiveInsight.init, with its default. */
export const DEFAULTS = {
  site: '', // the site's public write key (li_pub_...); none: the deployment's default site
  endpoint: '/events',
  batchSize: 10, // events per request; a full batch is sent at once
  flushInterval: 5000, // ms an incomplete batch waits
  heartbeatInterval: 30000, // ms between heartbeats while the page is visible; 0: none
  heartbeatFlushInterval: 120000, // ms a batch of nothing but heartbeats waits: four to a request, not one
  maxStoredEvents: 500, // unsent events kept in localStorage; the oldest go first
  maxBackoff: 60000, // ms, the longest wait between retries
  sessionTimeout: 18e5, // 30 minutes of inactivity end a session
  maxSessionAge: 864e5, // and no session is longer than 24 hours
  respectDnt: true, // Do-Not-Track and Global Privacy Control switch tracking off
  pageViews: true, // page_view on load and on history navigation
  clicks: true,
  scrollDepth: true,
};

const PREFIX = 'li_';
const CLICKABLE = 'a,button,[data-li-track]';
const FIELDS = 'input,select,textarea';

export function install(w) {
  const d = w.document;
  const nav = w.navigator;
  const mem = {};
  const known = {}; // ids of events this page has held: the ones it may drop from storage
  const pre = []; // calls made before init
  let cfg;
  let q = [];
  let timer = 0;
  let due = 0; // when the armed timer fires
  let heartbeat = 0;
  let inflight = 0;
  let attempt = 0;
  let failing = 0;
  let lastUrl;
  let depths;

  const now = () => w.Date.now();
  const get = (k) => {
    try {
      return w.localStorage.getItem(PREFIX + k);
    } catch (e) {
      return mem[k];
    }
  };
  const set = (k, v) => {
    try {
      v == null ? w.localStorage.removeItem(PREFIX + k) : w.localStorage.setItem(PREFIX + k, v);
    } catch (e) {
      mem[k] = v;
    }
  };
  const read = (k) => {
    try {
      return JSON.parse(get(k));
    } catch (e) {}
  };
  const id = () => w.crypto.getRandomValues(new Uint8Array(16)).reduce((s, b) => s + (b + 256).toString(16).slice(1), '');
  // A secret key (server key, read token) must never be in a page: with one, nothing is sent at all.
  const blocked = () =>
    /^li_(sec|read)_/.test(cfg.site) ||
    get('out') == '1' ||
    (cfg.respectDnt && (nav.doNotTrack == '1' || w.doNotTrack == '1' || nav.globalPrivacyControl == true));

  function user() {
    let u = get('uid');
    if (!u) set('uid', (u = 'anon-' + id()));
    return u;
  }

  // One session per browser (shared by its tabs through localStorage), renewed after inactivity and at 24 h.
  function session(t) {
    let s = read('sid');
    if (!s || t - s.t > cfg.sessionTimeout || t - s.s >= cfg.maxSessionAge) s = { i: id(), s: t, t };
    if (t > s.t) s.t = t;
    set('sid', JSON.stringify(s));
    return s.i;
  }

  function track(type, properties, fields, t) {
    if (blocked()) return;
    t = t || now();
    const e = {
      event_id: id(),
      event_type: type,
      user_id: user(),
      session_id: session(t),
      timestamp: t,
      page_url: w.location.href.slice(0, 2048),
    };
    if (properties) e.properties = properties;
    Object.assign(e, fields);
    known[e.event_id] = 1;
    q.push(e);
    save();
    if (!failing && q.length >= cfg.batchSize) flush();
    else arm(wait());
  }

  // Heartbeats only keep a visible tab's session alive: alone they may wait for company; anything else (which
  // carries them along) goes out within flushInterval.
  const wait = () => (q.every((e) => e.event_type == 'heartbeat') ? cfg.heartbeatFlushInterval : cfg.flushInterval);

  // Storage holds this page's unsent events plus those of other pages it has not seen, bounded.
  function save() {
    if (q.length > cfg.maxStoredEvents) q = q.slice(-cfg.maxStoredEvents);
    const all = (read('q') || []).filter((e) => !known[e.event_id]).concat(q).slice(-cfg.maxStoredEvents);
    set('q', all.length ? JSON.stringify(all) : null);
  }

  // Keeps the earlier deadline: a click after a lone heartbeat is not held back by the heartbeat's longer wait.
  // While the edge is failing, the retry backoff already armed stands.
  function arm(ms) {
    const at = now() + ms;
    if (timer && (failing || due <= at)) return;
    w.clearTimeout(timer);
    due = at;
    timer = w.setTimeout(flush, ms);
  }

  // With a site key, the envelope {"site": key, "events": [...]} names the site; without, the events as ever.
  const envelope = (events) => JSON.stringify(cfg.site ? { site: cfg.site, events } : events);

  function flush() {
    w.clearTimeout(timer);
    timer = 0;
    if (inflight || !q.length || blocked()) return;
    const batch = q.slice(0, cfg.batchSize);
    const body = envelope(batch);
    inflight = 1;
    // text/plain: a simple request, so no CORS preflight; credentials are never needed.
    w.fetch(cfg.endpoint, {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'text/plain' },
      keepalive: body.length < 6e4,
      credentials: 'omit',
      // A request that hangs must not hold the queue: after 10 s it counts as failed and is retried.
      signal: w.AbortSignal && w.AbortSignal.timeout && w.AbortSignal.timeout(1e4),
    }).then(
      (r) => sent(batch, r.status, r.headers.get('Retry-After')),
      () => sent(batch, 0),
    );
  }

  function sent(batch, status, retryAfter) {
    inflight = 0;
    if (status > 199 && status < 500 && status != 429) {
      // Stored, or refused for good (4xx): either way never sent again.
      q = q.filter((e) => !batch.includes(e));
      attempt = failing = 0;
      save();
      if (q.length) q.length >= cfg.batchSize ? flush() : arm(wait());
    } else {
      // Offline, 5xx, 429: keep everything and retry later; Retry-After wins over our own backoff.
      failing = 1;
      const backoff = Math.min(cfg.maxBackoff, 1000 * 2 ** attempt++) * (0.5 + Math.random() / 2);
      w.clearTimeout(timer);
      timer = w.setTimeout(flush, retryAfter > 0 ? retryAfter * 1000 : backoff);
    }
  }

  // The page may be going away: hand everything to sendBeacon, which outlives the page. While the edge is known
  // to be failing the events also stay stored, so this page (if it comes back) or the next one resends them.
  // With a site key it also rides in the beacon's URL (?site=), where the edge reads it when the body has none.
  function hide() {
    const handed = [];
    const url = cfg.site
      ? cfg.endpoint + (cfg.endpoint.indexOf('?') < 0 ? '?' : '&') + 'site=' + encodeURIComponent(cfg.site)
      : cfg.endpoint;
    for (let i = 0; i < q.length; i += 50) {
      const chunk = q.slice(i, i + 50);
      if (!nav.sendBeacon || !nav.sendBeacon(url, envelope(chunk))) break;
      handed.push(...chunk);
    }
    if (!failing) q = q.filter((e) => !handed.includes(e));
    save();
  }

  function beat() {
    w.clearInterval(heartbeat);
    heartbeat = 0;
    if (cfg.heartbeatInterval && d.visibilityState == 'visible')
      heartbeat = w.setInterval(() => track('heartbeat'), cfg.heartbeatInterval);
  }

  function pageView() {
    const url = w.location.href;
    if (url == lastUrl) return;
    const referrer = (lastUrl || d.referrer || '').slice(0, 2048);
    lastUrl = url;
    depths = {};
    track('page_view', 0, referrer ? { referrer } : 0);
  }

  function scroll() {
    const p = ((w.scrollY + w.innerHeight + 1) / d.documentElement.scrollHeight) * 100;
    for (const x of [25, 50, 75, 100])
      if (p >= x && !depths[x]) {
        depths[x] = 1;
        track('scroll_depth', { depth: x });
      }
  }

  // The nearest link, button or [data-li-track] ancestor; its text only when it holds no form field.
  function click(ev) {
    const el = ev.target && ev.target.closest && ev.target.closest(CLICKABLE);
    if (!el) return;
    const tag = el.tagName.toLowerCase();
    const f = { element_tag: tag };
    const p = {};
    if (el.id) f.element_id = el.id.slice(0, 256);
    if (typeof el.className == 'string' && el.className.trim()) f.element_class = el.className.trim().slice(0, 256);
    if (!el.matches(FIELDS) && !el.querySelector(FIELDS)) {
      const text = (el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 100);
      if (text) f.element_text = text;
    }
    if (tag == 'a' && el.href) p.href = String(el.href).slice(0, 1024);
    const label = el.getAttribute('data-li-track');
    if (label) p.track = label.slice(0, 1024);
    track('click', p, f);
  }

  function init(options) {
    if (cfg) return;
    cfg = Object.assign({}, DEFAULTS, options);
    cfg.site = cfg.site ? String(cfg.site) : '';
    if (!blocked()) {
      q = read('q') || [];
      q.forEach((e) => (known[e.event_id] = 1));
    }
    const on = (target, type, fn) => target.addEventListener(type, fn, { capture: true, passive: true });
    on(d, 'visibilitychange', () => (d.visibilityState == 'hidden' ? hide() : 0, beat()));
    on(w, 'pagehide', () => (track('page_exit'), hide()));
    on(w, 'online', () => failing && ((attempt = 0), flush()));
    if (cfg.clicks) on(d, 'click', click);
    if (cfg.scrollDepth) on(w, 'scroll', scroll);
    if (cfg.pageViews) {
      for (const m of ['pushState', 'replaceState']) {
        const original = w.history[m];
        w.history[m] = function () {
          const r = original.apply(this, arguments);
          pageView();
          return r;
        };
      }
      on(w, 'popstate', pageView);
      // After the calls queued with init (identify, for one) have run.
      w.setTimeout(pageView, 0);
    }
    beat();
    pre.splice(0).forEach((c) => call(c[0], c[1], c[2]));
    if (q.length) arm(0);
  }

  function call(method, args, t) {
    if (method == 'init') return init(args[0]);
    if (!cfg) return void pre.push([method, args, t || now()]);
    if (method == 'track') track(String(args[0]), args[1], 0, t);
    else if (method == 'flush') flush();
    else if (method == 'optOut') {
      set('out', '1');
      q = [];
      for (const k of ['q', 'uid', 'sid']) set(k, null);
    } else if (method == 'optIn') set('out', null);
    else if (method == 'identify' && !blocked()) set('uid', args[0] ? String(args[0]).slice(0, 128) : null);
  }

  const previous = w.LiveInsight;
  if (previous && !previous.q) return previous; // loaded twice
  const api = {};
  for (const m of ['init', 'track', 'identify', 'optOut', 'optIn', 'flush']) api[m] = (...args) => call(m, args);
  w.LiveInsight = api;
  // Calls queued by the snippet before the script arrived, with the time they were made.
  ((previous && previous.q) || []).forEach((c) => call(c[0], Array.from(c[1]), c[2]));
  return api;
}
