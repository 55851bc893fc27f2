// Dependency-free SVG charts: one slot per point, bars and lines on one scale, drawn in the chart's own pixels (so
// labels are never stretched) and redrawn when the window resizes. Titles and labels are text nodes.
'use strict';
window.LiveInsightChart = (() => {
  const { svg, number } = window.LiveInsightPage;
  /** Above this many points, bars become one filled outline and slots are not selectable (nodes stay few). */
  const MAX_SLOTS = 600;
  const drawn = new Map(); // chart element -> its last options

  /**
   * options: points; bars [{field, className}] (later bars drawn over earlier ones); lines [{field, className}];
   * label(point, i) -> text; labelAt(i, n) -> whether slot i gets its label (default: as many as fit);
   * title(point, i) -> the slot's tooltip; selectable (slots are buttons: see onSelect).
   */
  function draw(chart, options) {
    drawn.set(chart, options);
    const points = options.points;
    const bars = options.bars || [];
    const lines = options.lines || [];
    const width = Math.max(200, Math.round(chart.clientWidth || 640));
    const height = Math.max(100, Math.round(chart.clientHeight || 180));
    const left = 40, right = 4, bottom = 20, top = 8;
    chart.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    const fields = [...bars, ...lines].map((series) => series.field);
    const max = Math.max(1, ...points.flatMap((point) => fields.map((field) => point[field] || 0)));
    const step = (width - left - right) / Math.max(1, points.length);
    const scale = (height - bottom - top) / max;
    const y = (value) => height - bottom - (value || 0) * scale;
    const x = (i) => left + i * step + step / 2;

    const nodes = [
      svg('line', { class: 'axis', x1: left, x2: width - right, y1: height - bottom, y2: height - bottom }),
      svg('line', { class: 'axis', x1: left, x2: width - right, y1: top, y2: top }),
      text(number.format(max), { x: left - 6, y: top + 4, 'text-anchor': 'end' }),
      text('0', { x: left - 6, y: height - bottom + 4, 'text-anchor': 'end' }),
    ];
    const many = points.length > MAX_SLOTS;
    if (many) {
      for (const series of bars) {
        nodes.push(svg('path', { class: className(series, 0), d: outline(points, series.field, x, y, step) }));
      }
    } else {
      points.forEach((point, i) => nodes.push(slot(point, i, options, { bars, step, y, left, top, bottom, height })));
    }
    for (const series of lines) {
      nodes.push(svg('polyline', {
        class: series.className, points: points.map((point, i) => x(i) + ',' + y(point[series.field])).join(' '),
      }));
    }
    const fit = Math.max(1, Math.floor((width - left) / 64));
    const every = Math.max(1, Math.ceil(points.length / fit));
    const labelAt = options.labelAt || ((i) => i % every === 0);
    points.forEach((point, i) => {
      if (!labelAt(i, points.length)) return;
      const last = i === points.length - 1 && points.length > 1;
      nodes.push(text(options.label(point, i), {
        x: last ? width - right : x(i), y: height - 5, 'text-anchor': last ? 'end' : 'middle',
      }));
    });
    chart.replaceChildren(...nodes);
  }

  function slot(point, i, options, frame) {
    const group = svg('g', { class: 'slot', 'data-index': i });
    if (options.selectable) {
      group.setAttribute('tabindex', '0');
      group.setAttribute('role', 'button');
      group.append(svg('rect', {
        class: 'hit', x: frame.left + i * frame.step, y: frame.top, width: frame.step,
        height: frame.height - frame.bottom - frame.top,
      }));
    }
    const inset = frame.step > 4 ? 1 : 0;
    for (const series of frame.bars) {
      const value = point[series.field] || 0;
      group.append(svg('rect', {
        class: className(series, i),
        x: frame.left + i * frame.step + inset, y: frame.y(value), width: Math.max(1, frame.step - 2 * inset),
        height: frame.height - frame.bottom - frame.y(value),
      }));
    }
    const title = svg('title');
    title.textContent = options.title(point, i);
    group.append(title);
    if (options.selectable) group.setAttribute('aria-label', title.textContent);
    return group;
  }

  function className(series, i) {
    return typeof series.className === 'function' ? series.className(i) : series.className;
  }

  function outline(points, field, x, y, step) {
    const base = y(0);
    const half = step / 2;
    return 'M' + (x(0) - half) + ',' + base
      + points.map((point, i) => 'L' + (x(i) - half) + ',' + y(point[field]) + 'L' + (x(i) + half) + ',' + y(point[field])).join('')
      + 'L' + (x(points.length - 1) + half) + ',' + base + 'Z';
  }

  function text(value, attributes) {
    const node = svg('text', attributes);
    node.textContent = value;
    return node;
  }

  /** Calls back with the slot index when a slot is clicked, or chosen with Enter or Space. */
  function onSelect(chart, callback) {
    const chosen = (event) => {
      const target = event.target instanceof Element ? event.target.closest('[data-index]') : null;
      if (target && chart.contains(target)) callback(Number(target.getAttribute('data-index')));
    };
    chart.addEventListener('click', chosen);
    chart.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        chosen(event);
      }
    });
  }

  window.addEventListener('resize', () => {
    for (const [chart, options] of drawn) {
      if (chart.isConnected && chart.clientWidth) draw(chart, options);
    }
  });

  return Object.freeze({ draw, onSelect });
})();
