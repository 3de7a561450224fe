// Line charts in plain SVG for the console's metrics: time on x (the last windowSeconds up to
// now), one polyline per series, a legend below. Data attributes name each series and its total
// so the charts can be read by tests and assistive tools alike.
import { h } from './dom.js';

const SVG = 'http://www.w3.org/2000/svg';
const W = 640;
const H = 160;
const PAD = { left: 44, right: 8, top: 8, bottom: 20 };
const COLORS = ['#0b5fff', '#b3261e', '#137333', '#a15c00', '#7b3fe4', '#00838f', '#c2185b', '#5b6572'];

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs ?? {})) if (v !== undefined) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

/** A round upper bound for the y axis. */
function niceMax(value) {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * step).find((m) => m >= value);
}

export const colorOf = (i) => COLORS[i % COLORS.length];

/**
 * series: [{ name, color, dashed?, values: [[epochSecond, value], ...] }].
 * Returns a figure: the SVG and its legend.
 */
export function lineChart({ title, unit, series, now, windowSeconds }) {
  const from = now - windowSeconds + 1;
  const max = niceMax(Math.max(0, ...series.flatMap((x) => x.values.map(([, v]) => v))));
  const x = (t) => PAD.left + ((t - from) / Math.max(windowSeconds - 1, 1)) * (W - PAD.left - PAD.right);
  const y = (v) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const total = (values) => Math.round(values.reduce((n, [, v]) => n + v, 0) * 100) / 100;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${title} (${unit}), last ${Math.round(windowSeconds / 60)} minutes`, class: 'chart' },
    s('title', {}, title),
    s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(0), y2: y(0), class: 'axis' }),
    s('line', { x1: PAD.left, x2: W - PAD.right, y1: y(max), y2: y(max), class: 'grid' }),
    s('text', { x: PAD.left - 4, y: y(max) + 4, 'text-anchor': 'end' }, String(max)),
    s('text', { x: PAD.left - 4, y: y(0) + 4, 'text-anchor': 'end' }, '0'),
    s('text', { x: PAD.left, y: H - 4 }, `−${Math.round(windowSeconds / 60)} min`),
    s('text', { x: W - PAD.right, y: H - 4, 'text-anchor': 'end' }, 'now'),
    ...series.filter((x) => x.values.length).map((line) => s('polyline', {
      points: line.values.map(([t, v]) => `${x(t).toFixed(1)},${y(v).toFixed(1)}`).join(' '),
      fill: 'none', stroke: line.color, 'stroke-width': 1.5, 'stroke-dasharray': line.dashed ? '4 3' : undefined,
      'data-series': line.name, 'data-total': total(line.values), 'data-points': line.values.length,
    })),
    // A lone point draws no line: mark it.
    ...series.filter((x) => x.values.length === 1).map((line) => s('circle', { cx: x(line.values[0][0]).toFixed(1), cy: y(line.values[0][1]).toFixed(1), r: 2.5, fill: line.color })));
  return h('figure.chart',
    h('figcaption', `${title} `, h('span.muted', `(${unit})`)),
    svg,
    h('ul.legend', series.map((line) => h('li', h('span.swatch', { style: `border-top:2px ${line.dashed ? 'dashed' : 'solid'} ${line.color}` }), line.name))));
}

/** Per-second points of one series as kept by a page: second -> point. */
export function mergePoints(into, points) {
  for (const p of points) into.set(p.t, p);
}

/** A count per second over the window, 0 where nothing happened. */
export function countValues(points, now, windowSeconds, field = 'count') {
  const out = [];
  for (let t = now - windowSeconds + 1; t <= now; t++) out.push([t, points.get(t)?.[field] ?? 0]);
  return out;
}

/** A latency series over the window: only the seconds that had one. */
export function latencyValues(points, now, windowSeconds, field) {
  return [...points.values()].filter((p) => p[field] !== undefined && p.t > now - windowSeconds && p.t <= now)
    .sort((a, b) => a.t - b.t).map((p) => [p.t, p[field]]);
}
