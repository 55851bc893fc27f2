// Times in a chosen IANA time zone with the browser's own Intl (no library): formatting, and the wall-clock times of
// the custom-range inputs (datetime-local, which carry no zone) to and from instants.
'use strict';
window.LiveInsightZone = (() => {
  const formats = new Map();
  const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;
  const HOUR_MS = 3600000;

  function formatter(tz, options, locale) {
    const key = tz + '|' + (locale || '') + '|' + JSON.stringify(options);
    if (!formats.has(key)) {
      let format;
      try {
        format = new Intl.DateTimeFormat(locale, { ...options, timeZone: tz });
      } catch (ignored) { // a zone this browser does not know: UTC, and say so
        format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC', timeZoneName: 'short' });
      }
      formats.set(key, format);
    }
    return formats.get(key);
  }

  // 24-hour clock everywhere, as the API's slot labels ("17:00").

  /** "6 Dec, 17:00" (with seconds: "6 Dec, 17:00:05") in the zone, day and month in the browser's language. */
  function dateTime(ms, tz, seconds) {
    if (!Number.isFinite(ms)) return '–';
    return formatter(tz, {
      day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: seconds ? '2-digit' : undefined,
      hourCycle: 'h23',
    }).format(ms);
  }

  /** "17:00" in the zone. */
  function time(ms, tz) {
    if (!Number.isFinite(ms)) return '–';
    return formatter(tz, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
  }

  function fields(ms, tz) {
    const parts = formatter(tz, {
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
      hourCycle: 'h23',
    }, 'en-US').formatToParts(ms);
    const value = (type) => Number(parts.find((part) => part.type === type).value);
    return {
      year: value('year'), month: value('month'), day: value('day'),
      hour: value('hour'), minute: value('minute'), second: value('second'),
    };
  }

  /** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
  function offset(ms, tz) {
    const f = fields(ms, tz);
    return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000;
  }

  /** The instant as a datetime-local value ("2026-12-06T17:00") in the zone. */
  function toWall(ms, tz) {
    const f = fields(ms, tz);
    const two = (n) => String(n).padStart(2, '0');
    return f.year + '-' + two(f.month) + '-' + two(f.day) + 'T' + two(f.hour) + ':' + two(f.minute);
  }

  /**
   * The instant a datetime-local value names in the zone (NaN when it is not one). A wall time that happens twice (clocks
   * going back) is its first instant; one that never happens (clocks going forward) moves forward by the gap.
   */
  function fromWall(wall, tz) {
    const match = WALL.exec(wall || '');
    if (!match) return NaN;
    const [, year, month, day, hour, minute] = match.map(Number);
    const utc = Date.UTC(year, month - 1, day, hour, minute);
    const before = utc - offset(utc - 12 * HOUR_MS, tz);
    const after = utc - offset(utc + 12 * HOUR_MS, tz);
    const candidates = [Math.min(before, after), Math.max(before, after)];
    return candidates.find((ms) => toWall(ms, tz) === wall.slice(0, 16)) ?? before;
  }

  /** An ISO-8601 instant without milliseconds: "2026-12-06T08:00:00Z". */
  function iso(ms) {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** The zones this browser knows, with UTC and the given ones, sorted. */
  function zones(...extra) {
    const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
    return [...new Set(['UTC', ...extra, ...known])].sort();
  }

  function browserZone() {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }

  return Object.freeze({ dateTime, time, toWall, fromWall, iso, zones, browserZone });
})();
