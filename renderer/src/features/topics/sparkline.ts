/** The points of a sparkline polyline ("x,y x,y …") for counts drawn in a width × height box, the largest at the top. */
export function sparklinePoints(counts: readonly number[], width: number, height: number): string {
  if (counts.length === 0) return '';
  const max = Math.max(1, ...counts);
  const step = counts.length > 1 ? width / (counts.length - 1) : 0;
  const round = (x: number) => Math.round(x * 10) / 10;
  return counts.map((c, i) => `${round(i * step)},${round(height - (c / max) * height)}`).join(' ');
}
