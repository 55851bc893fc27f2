import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeWindow, page, storage, clock } from './fake-window.js';

const types = (events) => events.map((e) => e.event_type);

test('queue_whenBelowBatchSize_waitsForFlushInterval', async () => {
  const p = await page({}, { flushInterval: 5000 });
  p.w.LiveInsight.track('signup', { plan: 'pro' });

  await p.clock.advance(4999);
  assert.equal(p.requests.length, 0);
  await p.clock.advance(1);

  assert.equal(p.requests.length, 1);
  assert.deepEqual(types(p.requests[0].events), ['page_view', 'signup']);
  assert.deepEqual(p.requests[0].events[1].properties, { plan: 'pro' });
});

test('flush_whenSent_postsTextPlainWithKeepaliveAndNoCredentials', async () => {
  const p = await page({}, { endpoint: 'https://edge.example/events' });
  p.w.LiveInsight.flush();
  await p.clock.advance(0);

  const { url, init } = p.requests[0];
  assert.equal(url, 'https://edge.example/events');
  assert.equal(init.method, 'POST');
  assert.equal(init.headers['Content-Type'], 'text/plain');
  assert.equal(init.keepalive, true);
  assert.equal(init.credentials, 'omit');
  assert.ok(Array.isArray(JSON.parse(init.body)));
});

test('batch_whenQueueReachesBatchSize_sendsAtOnceOneRequestInFlight', async () => {
  let release;
  const p = await page({ respond: () => ({ status: 200 }) }, { batchSize: 3, flushInterval: 5000 });
  for (let i = 0; i < 6; i++) p.w.LiveInsight.track('e' + i);
  await p.clock.advance(0);

  assert.deepEqual(p.requests.map((r) => r.events.length), [3, 3, 1].slice(0, p.requests.length));
  assert.deepEqual(types(p.requests[0].events), ['page_view', 'e0', 'e1']);
  assert.deepEqual(types(p.requests[1].events), ['e2', 'e3', 'e4']);
  await p.clock.advance(5000);
  assert.deepEqual(types(p.sent()), ['page_view', 'e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  assert.deepEqual(p.stored(), []);
});

test('events_whenCreated_carryIdTimestampUserSessionAndPage', async () => {
  const p = await page({ url: 'https://shop.example/p/1', referrer: 'https://search.example/' });
  await p.clock.advance(1000);
  p.w.LiveInsight.track('add_to_cart', { sku: 'A1', price: 9.5 });
  p.w.LiveInsight.flush();
  await p.clock.advance(0);

  const [view, cart] = p.sent();
  assert.match(view.event_id, /^[0-9a-f]{32}$/);
  assert.notEqual(view.event_id, cart.event_id);
  assert.equal(cart.timestamp, view.timestamp + 1000);
  assert.equal(view.referrer, 'https://search.example/');
  assert.equal(cart.page_url, 'https://shop.example/p/1');
  assert.match(view.user_id, /^anon-[0-9a-f]{32}$/);
  assert.equal(cart.user_id, view.user_id);
  assert.equal(cart.session_id, view.session_id);
});

test('retry_whenOffline_keepsEventsAndBacksOffExponentially', async (t) => {
  let online = false;
  let jitter = 1; // for the first wait
  t.mock.method(Math, 'random', () => jitter);
  const p = await page({ respond: () => (online ? { status: 200 } : 'offline') }, { flushInterval: 1000 });
  await p.clock.advance(1000); // attempt 1 fails
  assert.equal(p.requests.length, 1);
  assert.equal(p.stored().length, 1);

  // After failure n the wait is 1 s * 2^(n-1), times a jitter between 0.5 and 1 drawn at the failure.
  const plan = [[1000, 1], [2000, 0], [4000, 1], [8000, 0.5]];
  for (const [k, [wait, random]] of plan.entries()) {
    const before = p.requests.length;
    const expected = wait * (0.5 + random / 2);
    await p.clock.advance(expected - 1);
    assert.equal(p.requests.length, before, `no retry before ${expected} ms`);
    jitter = plan[k + 1]?.[1] ?? 1;
    await p.clock.advance(1);
    assert.equal(p.requests.length, before + 1, `a retry at ${expected} ms`);
  }
  online = true;
  await p.clock.advance(16000);

  assert.equal(p.requests.at(-1).events.length, 1);
  assert.deepEqual(p.stored(), []);
  // Every attempt carried the same event: same id and timestamp, so the edge stores it once.
  assert.equal(new Set(p.requests.map((r) => r.events[0].event_id + '@' + r.events[0].timestamp)).size, 1);
});

test('retry_whenSendSucceeds_backoffStartsOver', async (t) => {
  t.mock.method(Math, 'random', () => 1);
  let online = false;
  const p = await page({ respond: () => (online ? { status: 200 } : 'offline') }, { flushInterval: 1000 });
  await p.clock.advance(1000 + 1000 + 2000); // three failures
  online = true;
  await p.clock.advance(4000);
  assert.deepEqual(p.stored(), []);
  online = false;
  p.w.LiveInsight.track('later');
  await p.clock.advance(1000); // fails
  const before = p.requests.length;
  await p.clock.advance(1000);
  assert.equal(p.requests.length, before + 1, 'first retry after 1 s again');
});

test('retry_whenBackoffGrows_isCappedAtMaxBackoff', async (t) => {
  t.mock.method(Math, 'random', () => 1);
  const p = await page({ respond: () => 'offline' }, { flushInterval: 1000, maxBackoff: 5000 });
  await p.clock.advance(1000 + 1000 + 2000 + 4000 + 5000); // attempts after 1 s, 2 s, 4 s, then 5 s, not 8 s
  const before = p.requests.length;
  await p.clock.advance(5000);
  assert.equal(p.requests.length, before + 1);
  await p.clock.advance(5000);
  assert.ok(p.requests.length >= before + 2);
});

test('retry_when503WithRetryAfter_waitsThatLong', async () => {
  const p = await page({ respond: (r, n) => (n === 1 ? { status: 503, headers: { 'Retry-After': '7' } } : { status: 200 }) }, {
    flushInterval: 1000,
  });
  await p.clock.advance(1000);
  assert.equal(p.requests.length, 1);

  await p.clock.advance(6999);
  assert.equal(p.requests.length, 1);
  await p.clock.advance(1);
  assert.equal(p.requests.length, 2);
  assert.deepEqual(p.requests[1].events, p.requests[0].events);
  assert.deepEqual(p.stored(), []);
});

test('retry_when429or500_keepsTheBatch', async () => {
  for (const status of [429, 500]) {
    const p = await page({ respond: (r, n) => (n === 1 ? { status } : { status: 200 }) }, { flushInterval: 1000 });
    await p.clock.advance(1000);
    assert.equal(p.stored().length, 1, `stored after ${status}`);
    await p.clock.advance(1000);
    assert.equal(p.requests.length, 2, `retried after ${status}`);
  }
});

test('send_when4xx_dropsTheBatchAndNeverRetries', async () => {
  for (const status of [400, 413, 415]) {
    const p = await page({ respond: () => ({ status }) }, { flushInterval: 1000 });
    await p.clock.advance(1000);
    await p.clock.advance(600000);
    assert.equal(p.requests.length, 1, `one request after ${status}`);
    assert.deepEqual(p.stored(), []);
  }
});

test('storage_whenEdgeDown_isBoundedKeepingNewest', async () => {
  const p = await page({ respond: () => 'offline' }, { flushInterval: 1000, maxStoredEvents: 5 });
  for (let i = 0; i < 8; i++) p.w.LiveInsight.track('e' + i);
  await p.clock.advance(1000);

  assert.deepEqual(types(p.stored()), ['e3', 'e4', 'e5', 'e6', 'e7']);
  assert.ok(p.requests.every((r) => r.events.length <= 5));
});

test('storage_whenPageClosedWhileDown_nextPageSendsTheEventsOnce', async () => {
  const store = storage();
  const first = await page({ store, respond: () => 'offline', beacon: true }, { flushInterval: 1000 });
  first.w.LiveInsight.track('add_to_cart');
  await first.clock.advance(1000); // the edge is down: the send fails
  first.pagehide(); // beacon handed over, but the edge is known to be failing: kept
  const left = first.stored();
  assert.deepEqual(types(left), ['page_view', 'add_to_cart', 'page_exit']);

  const next = await page({ store, clock: clock(first.clock.now() + 5000) }, { flushInterval: 1000 });
  await next.clock.advance(1000);

  const ids = next.sent().map((e) => e.event_id);
  assert.deepEqual(ids.slice(0, 3), left.map((e) => e.event_id));
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual(next.stored(), []);
});

test('beacon_whenPageHiddenAndEdgeHealthy_sendsTextAndEmptiesQueue', async () => {
  const p = await page();
  p.w.LiveInsight.track('add_to_cart');
  p.setVisibility('hidden');

  assert.equal(p.beacons.length, 1);
  assert.equal(typeof p.beacons[0].body, 'string');
  assert.deepEqual(types(p.beacons[0].events), ['page_view', 'add_to_cart']);
  assert.deepEqual(p.stored(), []);
  await p.clock.advance(60000);
  assert.equal(p.requests.length, 0);
});

test('beacon_whenPagehide_sendsPageExitLast', async () => {
  const p = await page();
  p.pagehide();
  assert.deepEqual(types(p.beacons.flatMap((b) => b.events)), ['page_view', 'page_exit']);
});

test('beacon_whenRefused_keepsEventsForFetch', async () => {
  const p = await page({ beacon: false }, { flushInterval: 1000 });
  p.setVisibility('hidden');
  assert.equal(p.stored().length, 1);
  await p.clock.advance(1000);
  assert.equal(p.sent().length, 1);
});

test('tabs_whenOneHasUnsentEvents_theOtherDoesNotEraseThem', async () => {
  const store = storage();
  const c = clock();
  const a = await page({ store, clock: c, respond: () => 'offline' }, { flushInterval: 1000 });
  await c.advance(1000);
  const b = fakeWindow({ store, clock: c });
  b.install().init({ heartbeatInterval: 0, flushInterval: 60000 });
  a.w.LiveInsight.track('from_a');
  await c.advance(0);

  // b adopted a's stored page view and sent it with its own; a's newer event stays stored for a.
  assert.deepEqual(types(b.sent()), ['page_view', 'page_view']);
  assert.deepEqual(types(b.stored()), ['from_a']);
});

test('retry_whenRequestHangs_timesOutAfter10sAndRetries', async (t) => {
  t.mock.method(Math, 'random', () => 1);
  const p = await page({ respond: (r, n) => (n === 1 ? 'hang' : { status: 200 }) }, { flushInterval: 1000 });
  await p.clock.advance(1000);
  assert.equal(p.requests.length, 1);
  await p.clock.advance(10000); // timed out; the retry waits 1 s
  assert.equal(p.requests.length, 1);
  await p.clock.advance(1000);
  assert.equal(p.requests.length, 2);
  assert.deepEqual(p.stored(), []);
});

test('retry_whenBrowserComesBackOnline_sendsAtOnce', async (t) => {
  t.mock.method(Math, 'random', () => 1);
  let online = false;
  const p = await page({ respond: () => (online ? { status: 200 } : 'offline') }, { flushInterval: 1000 });
  await p.clock.advance(1000 + 1000 + 2000 + 4000); // four failures: the next retry is 8 s away
  const before = p.requests.length;
  online = true;
  p.online();
  await p.clock.advance(0);
  assert.equal(p.requests.length, before + 1);
  assert.deepEqual(p.stored(), []);
});
