/** Line colours, distinguishable from each other and on white (Tableau 10). */
export const CHART_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/**
 * A stable colour for a series key: instance ids ending in a number (`inventory-2`) take the palette in
 * order, so an instance keeps its colour when another drops out or rejoins; other keys are hashed.
 */
export function colourFor(key: string): string {
  const n = /-(\d+)$/.exec(key);
  let index: number;
  if (n) index = Number(n[1]) - 1;
  else {
    index = 0;
    for (const ch of key) index = (index * 31 + ch.charCodeAt(0)) >>> 0;
  }
  return CHART_PALETTE[((index % CHART_PALETTE.length) + CHART_PALETTE.length) % CHART_PALETTE.length];
}
