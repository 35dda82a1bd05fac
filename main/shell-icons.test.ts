import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconPng, unreadOverlayPng } from './shell-icons';

/** The width, height and RGBA pixels of a PNG written by encodePng (one IDAT, no filtering). */
function decode(png: Buffer) {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  const at = (x: number, y: number) => [...raw.subarray(y * (1 + width * 4) + 1 + x * 4, y * (1 + width * 4) + 5 + x * 4)];
  return { width, height, at };
}

describe('the images the shell draws', () => {
  it('the tray icon shows the status as a coloured dot in its corner', () => {
    const online = decode(trayIconPng('online'));
    expect([online.width, online.height]).toEqual([32, 32]);
    const corner = (png: Buffer) => decode(png).at(25, 25);
    expect(corner(trayIconPng('online'))).toEqual([31, 157, 85, 255]);
    expect(corner(trayIconPng('busy'))).toEqual([217, 48, 37, 255]);
    expect(corner(trayIconPng('away'))).toEqual([232, 161, 0, 255]);
    // Signed out: the plain icon, no dot.
    expect(corner(trayIconPng(null)).slice(0, 3)).toEqual([37, 99, 235]);
  });

  it('the unread overlay is a red disc, clear in its corners', () => {
    const overlay = decode(unreadOverlayPng());
    expect([overlay.width, overlay.height]).toEqual([16, 16]);
    expect(overlay.at(8, 8)).toEqual([198, 40, 40, 255]);
    expect(overlay.at(0, 0)[3]).toBe(0);
  });
});
