// init({ site }): the site's write key in the envelope and the beacon URL (docs/contract/sites.md#at-the-edge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeWindow, page } from './fake-window.js';

const KEY = 'li_pub_abcdefghijklmnopqrstuvwxyz';
const types = (events) => events.map((e) => e.event_type);

test('flush_withoutSite_sendsTheEventsAsToday', async () => {
  const p = await page({}, { endpoint: 'https://edge.example/events' });
  p.w.LiveInsight.flush();
  await p.clock.advance(0);

  assert.equal(p.requests[0].url, 'https://edge.example/events');
  assert.ok(Array.isArray(JSON.parse(p.requests[0].init.body)));
  assert.equal(p.requests[0].site, null);
});

test('flush_withSite_sendsTheEnvelopeWithTheKey_toTheSameUrl', async () => {
  const p = await page({}, { endpoint: 'https://edge.example/events', site: KEY });
  p.w.LiveInsight.track('signup', { plan: 'pro' });
  p.w.LiveInsight.flush();
  await p.clock.advance(0);

  const { url, init } = p.requests[0];
  assert.equal(url, 'https://edge.example/events');
  assert.equal(init.headers['Content-Type'], 'text/plain');
  const body = JSON.parse(init.body);
  assert.deepEqual(Object.keys(body), ['site', 'events']);
  assert.equal(body.site, KEY);
  assert.deepEqual(types(body.events), ['page_view', 'signup']);
  assert.equal(body.events[0].site, undefined); // the site is the edge's to set on events, never the tracker's
});

test('beacon_withSite_putsTheKeyInTheUrlAndTheEnvelope', async () => {
  const p = await page({}, { endpoint: 'https://edge.example/events', site: KEY });
  p.w.LiveInsight.track('add_to_cart');
  p.setVisibility('hidden');

  assert.equal(p.beacons.length, 1);
  assert.equal(p.beacons[0].url, 'https://edge.example/events?site=' + KEY);
  assert.equal(p.beacons[0].site, KEY);
  assert.deepEqual(types(p.beacons[0].events), ['page_view', 'add_to_cart']);
  assert.deepEqual(p.stored(), []);
});

test('beacon_withSiteAndAQueryInTheEndpoint_addsTheKeyAsAnotherParameter', async () => {
  const p = await page({}, { endpoint: '/events?v=2', site: KEY });
  p.pagehide();
  assert.equal(p.beacons[0].url, '/events?v=2&site=' + KEY);
});

test('beacon_withoutSite_usesTheEndpointAsToday', async () => {
  const p = await page({}, { endpoint: '/events' });
  p.pagehide();
  assert.equal(p.beacons[0].url, '/events');
  assert.ok(Array.isArray(JSON.parse(p.beacons[0].body)));
});

test('beacon_whenTheKeyHoldsUrlCharacters_escapesThem', async () => {
  // Not a key the registry makes, but whatever a page passes must not add parameters or a fragment to the URL.
  const hostile = 'li_pub_x&site=other#<script>é😀';
  const p = await page({}, { endpoint: '/events', site: hostile });
  p.pagehide();

  const url = new URL(p.beacons[0].url, 'https://shop.example/');
  assert.deepEqual([...url.searchParams.keys()], ['site']);
  assert.equal(url.searchParams.get('site'), hostile);
  assert.equal(url.hash, '');
  assert.equal(p.beacons[0].site, hostile);
});

test('retry_withSite_resendsTheSameEnvelopeAfterRetryAfter', async () => {
  let refuse = true;
  const p = await page(
    { respond: () => (refuse ? { status: 429, headers: { 'Retry-After': '2' } } : { status: 200 }) },
    { flushInterval: 1000, site: KEY },
  );
  await p.clock.advance(1000);
  assert.equal(p.requests.length, 1);
  refuse = false;
  await p.clock.advance(1999);
  assert.equal(p.requests.length, 1);
  await p.clock.advance(1);

  assert.equal(p.requests.length, 2);
  assert.equal(p.requests[1].site, KEY);
  assert.deepEqual(
    p.requests[1].events.map((e) => e.event_id),
    p.requests[0].events.map((e) => e.event_id),
  );
});

test('init_queuedBySnippet_withSite_sendsTheQueuedEventsInTheEnvelope', async () => {
  const p = fakeWindow();
  p.w.LiveInsight = { q: [] };
  p.w.LiveInsight.q.push(['track', ['early'], p.clock.now()]);
  p.w.LiveInsight.q.push(['init', [{ site: KEY, heartbeatInterval: 0, pageViews: false }], p.clock.now()]);
  p.install();
  p.w.LiveInsight.flush();
  await p.clock.advance(0);

  assert.equal(p.requests[0].site, KEY);
  assert.deepEqual(types(p.requests[0].events), ['early']);
});

for (const secret of ['li_sec_' + 'a'.repeat(52), 'li_read_' + 'b'.repeat(52)]) {
  test(`init_withASecretKey_${secret.slice(0, 7)}_sendsNothingAtAll`, async () => {
    const p = await page({}, { endpoint: '/events', site: secret, flushInterval: 1000 });
    p.w.LiveInsight.track('signup');
    p.w.LiveInsight.flush();
    await p.clock.advance(60000);
    p.pagehide();

    assert.equal(p.requests.length, 0);
    assert.equal(p.beacons.length, 0);
    assert.deepEqual(p.stored(), []);
  });
}
