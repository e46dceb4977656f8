import { SEED_CATEGORIES, SeedProduct } from './catalog-data';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A simple, distinct SVG for a product: the category colour, a shape chosen by SKU, the name and SKU. */
export function productSvg(p: SeedProduct): string {
  const cat = SEED_CATEGORIES.find((c) => c.name === p.category);
  const color = cat?.color ?? '#334155';
  const n = Number(p.sku.slice(-3));
  const hue = (n * 37) % 360;
  const accent = `hsl(${hue}, 70%, 80%)`;
  const shapes = [
    `<circle cx="200" cy="150" r="80" fill="${accent}"/>`,
    `<rect x="120" y="70" width="160" height="160" rx="24" fill="${accent}"/>`,
    `<polygon points="200,60 290,230 110,230" fill="${accent}"/>`,
    `<ellipse cx="200" cy="150" rx="110" ry="70" fill="${accent}"/>`,
  ];
  const initials = p.name
    .split(/\s+/)
    .map((w) => w[0])
    .join('')
    .slice(0, 3);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${escapeXml(p.name)}">`,
    `<rect width="400" height="400" fill="${color}"/>`,
    shapes[n % shapes.length],
    `<text x="200" y="165" font-family="sans-serif" font-size="56" font-weight="bold" text-anchor="middle" fill="${color}">${escapeXml(initials)}</text>`,
    `<text x="200" y="300" font-family="sans-serif" font-size="26" text-anchor="middle" fill="#ffffff">${escapeXml(p.name)}</text>`,
    `<text x="200" y="340" font-family="monospace" font-size="20" text-anchor="middle" fill="#e2e8f0">${escapeXml(p.sku)}</text>`,
    `</svg>`,
    '',
  ].join('\n');
}
