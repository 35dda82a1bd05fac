import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from '../main/png';

/*
 * Draws build/icon.png (512×512): a rounded square in Switchboard blue with three white
 * "switch" bars, anti-aliased by coverage. Run with `npx tsx build/generate-icon.ts`.
 */

const size = 512;
const radius = 112;
const background = [37, 99, 235] as const;
const foreground = [255, 255, 255] as const;

/** Signed distance from (x, y) to a rounded rectangle centred at (cx, cy); negative inside. */
function roundedRectDistance(x: number, y: number, cx: number, cy: number, halfW: number, halfH: number, r: number) {
  const qx = Math.abs(x - cx) - (halfW - r);
  const qy = Math.abs(y - cy) - (halfH - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

const coverage = (distance: number) => Math.min(1, Math.max(0, 0.5 - distance));

// Three bars of different lengths, each with a knob: a switchboard's patch lines.
const bars = [
  { y: 176, from: 132, to: 380, knob: 316 },
  { y: 256, from: 132, to: 380, knob: 196 },
  { y: 336, from: 132, to: 380, knob: 276 },
];

function pixel(x: number, y: number): [number, number, number, number] {
  const px = x + 0.5;
  const py = y + 0.5;
  const shape = coverage(roundedRectDistance(px, py, size / 2, size / 2, size / 2 - 8, size / 2 - 8, radius));
  let mark = 0;
  for (const bar of bars) {
    const line = roundedRectDistance(px, py, (bar.from + bar.to) / 2, bar.y, (bar.to - bar.from) / 2, 10, 10);
    const knob = Math.hypot(px - bar.knob, py - bar.y) - 30;
    mark = Math.max(mark, coverage(line), coverage(knob));
  }
  const mix = (i: 0 | 1 | 2) => Math.round(background[i] * (1 - mark) + foreground[i] * mark);
  return [mix(0), mix(1), mix(2), Math.round(255 * shape)];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = fileURLToPath(new URL('icon.png', import.meta.url));
  writeFileSync(out, encodePng(size, size, pixel));
  console.log(`wrote ${out}`);
}
