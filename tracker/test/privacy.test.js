import { test } from 'node:test';
import assert from 'node:assert/strict';
import { page, storage } from './fake-window.js';

const keys = (p) => [...p.w.localStorage.items.keys()].sort();

test('optOut_whenCalled_sendsNothingAndForgetsTheVisitor', async () => {
  const store = storage();
  const p = await page({ store }, { flushInterval: 1000 });
  p.w.LiveInsight.optOut();
  p.w.LiveInsight.track('after_opt_out');
  p.scrollTo(4000);
  p.pagehide();
  await p.clock.advance(60000);

  assert.equal(p.requests.length, 0);
  assert.equal(p.beacons.length, 0);
  assert.deepEqual(keys(p), ['li_out'], 'no user, session or queued events left');
});

test('optOut_whenPageReloaded_persists', async () => {
  const store = storage();
  const first = await page({ store });
  first.w.LiveInsight.optOut();
  const next = await page({ store }, { flushInterval: 1000 });
  next.w.LiveInsight.track('x');
  await next.clock.advance(60000);
  assert.equal(next.requests.length, 0);
});

test('optIn_whenOptedOut_tracksAgain', async () => {
  const p = await page({}, { flushInterval: 1000 });
  p.w.LiveInsight.optOut();
  p.w.LiveInsight.optIn();
  p.w.LiveInsight.track('back');
  await p.clock.advance(1000);
  assert.deepEqual(p.sent().map((e) => e.event_type), ['back']);
});

for (const [signal, options] of [
  ['Do-Not-Track', { dnt: true }],
  ['Global Privacy Control', { gpc: true }],
]) {
  test(`privacy_when${signal.replace(/\W/g, '')}_tracksAndStoresNothing`, async () => {
    const p = await page(options, { flushInterval: 1000 });
    p.w.LiveInsight.track('x');
    p.w.LiveInsight.identify('u1');
    p.pagehide();
    await p.clock.advance(60000);
    assert.equal(p.requests.length + p.beacons.length, 0);
    assert.deepEqual(keys(p), []);
  });

  test(`privacy_when${signal.replace(/\W/g, '')}AndRespectDntFalse_tracks`, async () => {
    const p = await page(options, { flushInterval: 1000, respectDnt: false });
    await p.clock.advance(1000);
    assert.deepEqual(p.sent().map((e) => e.event_type), ['page_view']);
  });
}

test('privacy_whenTracking_neverWritesCookies', async () => {
  const p = await page({}, { flushInterval: 1000 });
  p.w.LiveInsight.track('x');
  p.w.LiveInsight.identify('u1');
  await p.clock.advance(1000);
  assert.deepEqual(p.cookies, []);
});
