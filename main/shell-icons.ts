import type { Presence } from '../shared/domain';
import { encodePng } from './png';

/*
 * The small images the shell draws for itself (nothing to ship or load from disk): the tray icon
 * with the agent's status as a dot, and the taskbar overlay that says something is unread.
 */

type Rgb = readonly [number, number, number];

const BLUE: Rgb = [37, 99, 235];
const WHITE: Rgb = [255, 255, 255];
const RED: Rgb = [198, 40, 40];

/** The status dot's colour (the workstation's presence colours); null: not signed in. */
const PRESENCE_COLOUR: Record<Presence, Rgb> = {
  online: [31, 157, 85],
  busy: [217, 48, 37],
  away: [232, 161, 0],
  offline: [154, 163, 176],
};

const coverage = (distance: number) => Math.min(1, Math.max(0, 0.5 - distance));

function roundedSquare(x: number, y: number, size: number, r: number): number {
  const half = size / 2;
  const qx = Math.abs(x - half) - (half - r);
  const qy = Math.abs(y - half) - (half - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** A 32×32 tray icon: the app's blue square with a white bar, and a status dot in the corner. */
export function trayIconPng(presence: Presence | null, size = 32): Buffer {
  const dot = presence ? PRESENCE_COLOUR[presence] : null;
  const dotR = size * 0.22;
  const dotC = size - dotR - 0.5;
  return encodePng(size, size, (x, y) => {
    const px = x + 0.5;
    const py = y + 0.5;
    const shape = coverage(roundedSquare(px, py, size, size * 0.22));
    const bar = coverage(Math.max(Math.abs(py - size / 2) - size * 0.07, Math.abs(px - size * 0.42) - size * 0.22));
    let colour = BLUE.map((c, i) => Math.round(c * (1 - bar) + WHITE[i]! * bar));
    let alpha = shape;
    if (dot) {
      const distance = Math.hypot(px - dotC, py - dotC);
      const ring = coverage(distance - (dotR + 1.5));
      const inner = coverage(distance - dotR);
      colour = colour.map((c, i) => Math.round(c * (1 - ring) + WHITE[i]! * ring));
      colour = colour.map((c, i) => Math.round(c * (1 - inner) + dot[i]! * inner));
      alpha = Math.max(alpha, ring);
    }
    return [...colour, Math.round(255 * alpha)];
  });
}

/** A 16×16 red disc: Windows lays it over the taskbar button while something is unread. */
export function unreadOverlayPng(size = 16): Buffer {
  return encodePng(size, size, (x, y) => [...RED, Math.round(255 * coverage(Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2) - size / 2 + 1))]);
}
