import { test } from 'node:test';
import assert from 'node:assert/strict';
import { element, page } from './fake-window.js';

async function sent(p) {
  p.w.LiveInsight.flush();
  await p.clock.advance(0);
  return p.sent();
}

test('pageView_whenHistoryNavigates_tracksEachNewUrlWithThePreviousAsReferrer', async () => {
  const p = await page({ url: 'https://shop.example/', referrer: 'https://search.example/' }, { batchSize: 50 });
  p.w.history.pushState({}, '', '/product/1');
  p.w.history.replaceState({ scrolled: 1 }, ''); // same URL: no page view
  p.w.history.replaceState({}, '', '/product/1?color=red');
  p.popTo('/');

  const views = (await sent(p)).filter((e) => e.event_type === 'page_view');
  assert.deepEqual(
    views.map((e) => [e.page_url, e.referrer]),
    [
      ['https://shop.example/', 'https://search.example/'],
      ['https://shop.example/product/1', 'https://shop.example/'],
      ['https://shop.example/product/1?color=red', 'https://shop.example/product/1'],
      ['https://shop.example/', 'https://shop.example/product/1?color=red'],
    ],
  );
});

test('pageView_whenDisabled_tracksNone', async () => {
  const p = await page({}, { pageViews: false });
  p.w.history.pushState({}, '', '/x');
  assert.deepEqual(await sent(p), []);
});

test('click_whenInsideALink_reportsTheLink', async () => {
  const icon = element('span', { text: 'Red  shoes' });
  const link = element('a', { id: 'p1', className: ' card wide ', href: 'https://shop.example/p/1', children: [icon] });
  element('div', { children: [link] });
  const p = await page();
  p.click(icon);

  const click = (await sent(p)).find((e) => e.event_type === 'click');
  assert.equal(click.element_tag, 'a');
  assert.equal(click.element_id, 'p1');
  assert.equal(click.element_class, 'card wide');
  assert.equal(click.element_text, 'Red shoes');
  assert.deepEqual(click.properties, { href: 'https://shop.example/p/1' });
});

test('click_whenOnDataLiTrack_reportsItsLabelAndTruncatedText', async () => {
  const card = element('div', { attrs: { 'data-li-track': 'promo' }, text: 'x'.repeat(300) });
  const p = await page();
  p.click(card);
  const click = (await sent(p)).find((e) => e.event_type === 'click');
  assert.equal(click.element_tag, 'div');
  assert.equal(click.element_text.length, 100);
  assert.deepEqual(click.properties, { track: 'promo' });
});

test('click_whenElementIsOrHoldsAFormField_neverReportsItsText', async () => {
  const field = element('textarea', { attrs: { 'data-li-track': 'note' }, text: 'secret draft' });
  const form = element('div', { attrs: { 'data-li-track': 'form' }, children: [element('input'), element('span', { text: 'card 4111' })] });
  const p = await page({}, { batchSize: 50 });
  p.click(field);
  p.click(form.children[1]);
  const clicks = (await sent(p)).filter((e) => e.event_type === 'click');
  assert.equal(clicks.length, 2);
  assert.ok(clicks.every((c) => !('element_text' in c)));
  assert.ok(!JSON.stringify(clicks).includes('secret') && !JSON.stringify(clicks).includes('4111'));
});

test('click_whenOnPlainText_tracksNothing', async () => {
  const p = await page();
  p.click(element('p', { text: 'hello' }));
  assert.deepEqual((await sent(p)).map((e) => e.event_type), ['page_view']);
});

test('scroll_whenScrolledDown_reportsEachDepthOncePerPage', async () => {
  const p = await page({}, { batchSize: 50 }); // 4000 px page, 800 px window
  p.scrollTo(200); // 25 %
  p.scrollTo(1300); // 52 %
  p.scrollTo(100);
  p.scrollTo(1300);
  p.scrollTo(3200); // 100 %
  p.w.history.pushState({}, '', '/next');
  p.scrollTo(3200);

  const depths = (await sent(p)).filter((e) => e.event_type === 'scroll_depth').map((e) => e.properties.depth);
  assert.deepEqual(depths, [25, 50, 75, 100, 25, 50, 75, 100]);
});

test('heartbeat_whenVisible_beatsAndStopsWhileHidden', async () => {
  const p = await page({}, { heartbeatInterval: 10000, flushInterval: 1000 });
  const all = () => [...p.sent(), ...p.beacons.flatMap((b) => b.events), ...p.stored()];
  const beats = () => all().filter((e) => e.event_type === 'heartbeat').length;
  await p.clock.advance(30000);
  assert.equal(beats(), 3);
  p.setVisibility('hidden');
  await p.clock.advance(60000);
  assert.equal(beats(), 3);
  p.setVisibility('visible');
  await p.clock.advance(10000);
  assert.equal(beats(), 4);
});

test('heartbeat_whenPageStartsHidden_doesNotBeat', async () => {
  const p = await page({ hidden: true }, { heartbeatInterval: 10000, flushInterval: 1000 });
  await p.clock.advance(60000);
  assert.deepEqual(p.sent().map((e) => e.event_type), ['page_view']);
});

test('heartbeat_whenOnlyHeartbeatsWait_sendsThemTogetherAfterHeartbeatFlushInterval', async () => {
  const p = await page({}, { heartbeatInterval: 30000, flushInterval: 5000, heartbeatFlushInterval: 120000 });
  await p.clock.advance(5000); // the page view goes out after flushInterval
  assert.equal(p.requests.length, 1);

  await p.clock.advance(144000); // beats at 30, 60, 90, 120 s: the first one armed 120 s
  assert.equal(p.requests.length, 1);
  await p.clock.advance(1000); // 150 s: that beat's wait is over, and the fifth beat is due in the same tick

  assert.equal(p.requests.length, 2);
  assert.deepEqual(p.requests[1].events.map((e) => e.event_type), Array(5).fill('heartbeat'));
});

test('heartbeat_whenAUserActionFollows_goesOutWithItWithinFlushInterval', async () => {
  const p = await page({}, { heartbeatInterval: 30000, flushInterval: 5000, heartbeatFlushInterval: 120000 });
  await p.clock.advance(40000); // the page view sent; one heartbeat waiting
  p.w.LiveInsight.track('add_to_cart');
  await p.clock.advance(5000);

  assert.equal(p.requests.length, 2);
  assert.deepEqual(p.requests[1].events.map((e) => e.event_type), ['heartbeat', 'add_to_cart']);
});
