import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeWindow, page, storage, clock } from './fake-window.js';

const MINUTE = 60000;

async function sessionAfter(p, ms) {
  await p.clock.advance(ms);
  p.w.LiveInsight.track('tick');
  p.w.LiveInsight.flush();
  await p.clock.advance(0);
  return p.sent().at(-1).session_id;
}

test('session_whenActiveWithin30Minutes_staysTheSame', async () => {
  const p = await page();
  const first = p.stored()[0].session_id;
  assert.equal(await sessionAfter(p, 29 * MINUTE), first);
  assert.equal(await sessionAfter(p, 30 * MINUTE), first, 'exactly 30 minutes is not more than 30');
});

test('session_whenInactiveOver30Minutes_rotates', async () => {
  const p = await page();
  const first = p.stored()[0].session_id;
  const second = await sessionAfter(p, 30 * MINUTE + 1);
  assert.notEqual(second, first);
  assert.equal(await sessionAfter(p, 1000), second);
});

test('session_whenActiveFor24Hours_rotatesAnyway', async () => {
  const p = await page();
  const first = p.stored()[0].session_id;
  let last;
  for (let i = 1; i < 96; i++) last = await sessionAfter(p, 15 * MINUTE); // 23 h 45 min, active all along
  assert.equal(last, first);
  assert.notEqual(await sessionAfter(p, 15 * MINUTE), first);
});

test('session_whenTwoTabsOpen_isShared', async () => {
  const store = storage();
  const c = clock();
  const a = await page({ store, clock: c });
  await c.advance(20 * MINUTE);
  const b = await page({ store, clock: c });
  await c.advance(20 * MINUTE); // a has been idle 40 minutes, but b was active 20 minutes ago
  a.w.LiveInsight.track('in_a');
  a.w.LiveInsight.flush();
  b.w.LiveInsight.flush();
  await c.advance(0);

  const sessions = new Set([...a.sent(), ...b.sent()].map((e) => e.session_id));
  const users = new Set([...a.sent(), ...b.sent()].map((e) => e.user_id));
  assert.equal(sessions.size, 1);
  assert.equal(users.size, 1);
});

test('user_whenPageReloaded_isPersistent', async () => {
  const store = storage();
  const first = await page({ store });
  first.w.LiveInsight.flush();
  await first.clock.advance(0);
  const second = await page({ store });
  second.w.LiveInsight.flush();
  await second.clock.advance(0);
  assert.equal(second.sent()[0].user_id, first.sent()[0].user_id);
});

test('identify_whenCalled_usesAndKeepsTheUserId', async () => {
  const store = storage();
  const p = await page({ store });
  p.w.LiveInsight.identify('customer-42');
  p.w.LiveInsight.track('purchase');
  p.w.LiveInsight.flush();
  await p.clock.advance(0);
  assert.equal(p.sent().at(-1).user_id, 'customer-42');

  const next = await page({ store });
  next.w.LiveInsight.flush();
  await next.clock.advance(0);
  assert.equal(next.sent()[0].user_id, 'customer-42');

  next.w.LiveInsight.identify(null); // sign-out: a fresh anonymous id
  next.w.LiveInsight.track('after');
  next.w.LiveInsight.flush();
  await next.clock.advance(0);
  assert.match(next.sent().at(-1).user_id, /^anon-/);
});

test('snippet_whenCallsQueuedBeforeLoad_replaysThemWithTheirTimes', async () => {
  const p = fakeWindow();
  const t0 = p.clock.now();
  p.w.LiveInsight = {
    q: [
      ['init', [{ heartbeatInterval: 0 }], t0 - 900],
      ['identify', ['u7'], t0 - 800],
      ['track', ['signup', { plan: 'pro' }], t0 - 700],
    ],
  };
  const api = p.install();
  assert.equal(p.w.LiveInsight, api);
  await p.clock.advance(0);
  api.flush();
  await p.clock.advance(0);

  const [signup, view] = p.sent();
  assert.equal(signup.event_type, 'signup');
  assert.equal(signup.timestamp, t0 - 700);
  assert.deepEqual(signup.properties, { plan: 'pro' });
  assert.equal(view.event_type, 'page_view');
  assert.equal(view.user_id, 'u7', 'the first page view already has the identified user');
});

test('api_whenCalledBeforeInit_waitsForInit', async () => {
  const p = fakeWindow();
  const api = p.install();
  api.track('early');
  await p.clock.advance(1000);
  assert.equal(p.stored().length, 0);
  api.init({ heartbeatInterval: 0 });
  api.flush();
  await p.clock.advance(0);
  assert.equal(p.sent()[0].event_type, 'early');
  assert.equal(p.sent()[0].timestamp, p.clock.now() - 1000);
});

test('install_whenLoadedTwice_keepsTheFirstTracker', async () => {
  const p = fakeWindow();
  const first = p.install();
  assert.equal(p.install(), first);
});
