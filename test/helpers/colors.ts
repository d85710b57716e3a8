/** A computed colour (`rgb()`, or `color(srgb …)` as `color-mix()` computes) as #rrggbb. */
export function hex(color: string): string {
  const srgb = /^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)/.exec(color);
  const channels = srgb
    ? srgb.slice(1, 4).map((c) => Math.round(Number(c) * 255))
    : color
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map(Number);
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
