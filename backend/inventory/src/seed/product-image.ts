import { ProductIcon, SEED_CATEGORIES, SeedProduct } from './catalog-data';

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Colours of one drawing: main (the category's), accent (varies by product), dark outline, light fill. */
interface Palette {
  m: string;
  a: string;
  d: string;
  l: string;
}

/**
 * Each drawing is centred on (200, 200) within about 220 × 220 px, so it stays whole when a card crops the
 * square image to 4:3.
 */
const DRAWINGS: Record<ProductIcon, (c: Palette) => string> = {
  headphones: (c) =>
    `<path d="M110 220 V190 a90 90 0 0 1 180 0 V220" fill="none" stroke="${c.d}" stroke-width="16"/>` +
    `<rect x="92" y="200" width="44" height="84" rx="18" fill="${c.m}"/><rect x="264" y="200" width="44" height="84" rx="18" fill="${c.m}"/>` +
    `<rect x="118" y="212" width="22" height="60" rx="8" fill="${c.a}"/><rect x="260" y="212" width="22" height="60" rx="8" fill="${c.a}"/>`,
  speaker: (c) =>
    `<rect x="130" y="90" width="140" height="220" rx="24" fill="${c.m}"/>` +
    `<circle cx="200" cy="240" r="46" fill="${c.d}"/><circle cx="200" cy="240" r="20" fill="${c.a}"/>` +
    `<circle cx="200" cy="145" r="24" fill="${c.d}"/><circle cx="200" cy="145" r="9" fill="${c.a}"/>`,
  battery: (c) =>
    `<rect x="120" y="110" width="160" height="200" rx="22" fill="${c.m}"/><rect x="170" y="92" width="60" height="22" rx="6" fill="${c.d}"/>` +
    `<path d="M212 140 L168 215 H200 L188 280 L236 195 H204 Z" fill="${c.a}"/>`,
  watch: (c) =>
    `<rect x="170" y="70" width="60" height="260" rx="14" fill="${c.d}"/>` +
    `<rect x="130" y="130" width="140" height="140" rx="34" fill="${c.m}"/><rect x="148" y="148" width="104" height="104" rx="24" fill="${c.l}"/>` +
    `<path d="M200 170 V202 L222 214" stroke="${c.d}" stroke-width="8" fill="none" stroke-linecap="round"/>`,
  keyboard: (c) =>
    `<rect x="70" y="140" width="260" height="120" rx="16" fill="${c.m}"/>` +
    [0, 1, 2]
      .map((r) =>
        [0, 1, 2, 3, 4, 5, 6]
          .map(
            (k) =>
              `<rect x="${86 + k * 34}" y="${154 + r * 30}" width="26" height="22" rx="4" fill="${c.l}"/>`,
          )
          .join(''),
      )
      .join('') +
    `<rect x="120" y="244" width="160" height="8" rx="4" fill="${c.a}"/>`,
  mouse: (c) =>
    `<rect x="140" y="100" width="120" height="200" rx="60" fill="${c.m}"/>` +
    `<path d="M140 170 H260 M200 100 V170" stroke="${c.l}" stroke-width="6"/><rect x="192" y="120" width="16" height="34" rx="8" fill="${c.a}"/>`,
  camera: (c) =>
    `<rect x="90" y="130" width="220" height="150" rx="20" fill="${c.m}"/><rect x="130" y="112" width="60" height="26" rx="6" fill="${c.d}"/>` +
    `<circle cx="200" cy="205" r="52" fill="${c.d}"/><circle cx="200" cy="205" r="32" fill="${c.a}"/><circle cx="270" cy="155" r="9" fill="${c.l}"/>`,
  wifi: (c) =>
    `<rect x="90" y="230" width="220" height="70" rx="16" fill="${c.m}"/>` +
    `<path d="M140 180 a85 85 0 0 1 120 0 M160 205 a55 55 0 0 1 80 0" stroke="${c.a}" stroke-width="14" fill="none" stroke-linecap="round"/>` +
    `<path d="M120 155 a115 115 0 0 1 160 0" stroke="${c.d}" stroke-width="14" fill="none" stroke-linecap="round"/>` +
    `<circle cx="130" cy="265" r="8" fill="${c.a}"/><circle cx="160" cy="265" r="8" fill="${c.l}"/>`,
  tablet: (c) =>
    `<rect x="120" y="80" width="160" height="220" rx="18" fill="${c.d}"/><rect x="134" y="98" width="132" height="180" rx="6" fill="${c.l}"/>` +
    `<path d="M150 130 H250 M150 160 H250 M150 190 H220" stroke="${c.m}" stroke-width="10" stroke-linecap="round"/>` +
    `<path d="M150 300 L130 330 H270 L250 300" fill="${c.m}"/>`,
  book: (c) =>
    `<rect x="120" y="80" width="170" height="230" rx="8" fill="${c.m}"/><rect x="120" y="80" width="26" height="230" rx="6" fill="${c.d}"/>` +
    `<rect x="168" y="120" width="96" height="56" rx="6" fill="${c.a}"/><path d="M168 210 H264 M168 234 H240" stroke="${c.l}" stroke-width="8" stroke-linecap="round"/>` +
    `<rect x="146" y="296" width="144" height="14" fill="${c.l}"/>`,
  kettle: (c) =>
    `<path d="M130 300 L145 150 H255 L270 300 Z" fill="${c.m}"/><path d="M145 170 L100 130" stroke="${c.m}" stroke-width="18" stroke-linecap="round"/>` +
    `<path d="M255 170 C320 170 320 270 265 275" stroke="${c.d}" stroke-width="14" fill="none"/>` +
    `<rect x="170" y="120" width="60" height="30" rx="10" fill="${c.d}"/><rect x="150" y="220" width="100" height="14" rx="7" fill="${c.a}"/>`,
  pan: (c) =>
    `<ellipse cx="170" cy="220" rx="100" ry="70" fill="${c.d}"/><ellipse cx="170" cy="210" rx="84" ry="54" fill="${c.m}"/>` +
    `<rect x="262" y="196" width="110" height="22" rx="11" fill="${c.d}"/><ellipse cx="155" cy="200" rx="30" ry="18" fill="${c.a}"/>`,
  knife: (c) =>
    `<path d="M90 250 L270 130 C300 115 320 140 300 160 L150 270 Z" fill="${c.l}" stroke="${c.d}" stroke-width="6"/>` +
    `<rect x="60" y="250" width="110" height="34" rx="14" fill="${c.m}" transform="rotate(-34 115 267)"/>`,
  board: (c) =>
    `<rect x="90" y="120" width="220" height="160" rx="26" fill="${c.m}"/><circle cx="280" cy="150" r="12" fill="${c.l}"/>` +
    `<rect x="112" y="142" width="150" height="116" rx="16" fill="${c.a}" opacity="0.55"/>`,
  bowl: (c) =>
    `<path d="M90 190 H310 C310 260 260 300 200 300 C140 300 90 260 90 190 Z" fill="${c.m}"/>` +
    `<ellipse cx="200" cy="190" rx="110" ry="22" fill="${c.d}"/><ellipse cx="200" cy="186" rx="96" ry="14" fill="${c.a}"/>`,
  jar: (c) =>
    `<rect x="140" y="100" width="120" height="30" rx="8" fill="${c.d}"/><rect x="125" y="128" width="150" height="180" rx="26" fill="${c.m}"/>` +
    `<rect x="145" y="180" width="110" height="70" rx="10" fill="${c.l}"/><circle cx="200" cy="215" r="20" fill="${c.a}"/>`,
  toaster: (c) =>
    `<rect x="100" y="150" width="200" height="140" rx="40" fill="${c.m}"/>` +
    `<rect x="140" y="110" width="44" height="60" rx="10" fill="${c.a}"/><rect x="216" y="110" width="44" height="60" rx="10" fill="${c.a}"/>` +
    `<rect x="120" y="148" width="160" height="10" fill="${c.d}"/><circle cx="270" cy="250" r="10" fill="${c.l}"/>`,
  ball: (c) =>
    `<circle cx="200" cy="200" r="105" fill="${c.m}"/><path d="M200 95 V305 M95 200 H305" stroke="${c.d}" stroke-width="8"/>` +
    `<path d="M130 120 C170 170 170 230 130 280 M270 120 C230 170 230 230 270 280" stroke="${c.d}" stroke-width="8" fill="none"/>` +
    `<circle cx="160" cy="150" r="16" fill="${c.a}"/>`,
  dumbbell: (c) =>
    `<rect x="130" y="188" width="140" height="24" rx="8" fill="${c.d}"/>` +
    `<rect x="80" y="130" width="50" height="140" rx="14" fill="${c.m}"/><rect x="270" y="130" width="50" height="140" rx="14" fill="${c.m}"/>` +
    `<rect x="62" y="160" width="24" height="80" rx="8" fill="${c.a}"/><rect x="314" y="160" width="24" height="80" rx="8" fill="${c.a}"/>`,
  racket: (c) =>
    `<ellipse cx="200" cy="160" rx="80" ry="96" fill="${c.l}" stroke="${c.m}" stroke-width="16"/>` +
    `<path d="M160 100 V220 M200 70 V250 M240 100 V220 M130 130 H270 M124 170 H276 M130 210 H270" stroke="${c.d}" stroke-width="3" opacity="0.6"/>` +
    `<rect x="188" y="250" width="24" height="90" rx="10" fill="${c.d}"/><circle cx="290" cy="290" r="22" fill="${c.a}"/>`,
  bottle: (c) =>
    `<rect x="176" y="70" width="48" height="34" rx="8" fill="${c.d}"/><path d="M176 104 H224 L250 150 V300 a16 16 0 0 1 -16 16 H166 a16 16 0 0 1 -16 -16 V150 Z" fill="${c.m}"/>` +
    `<rect x="150" y="190" width="100" height="70" fill="${c.l}"/><rect x="170" y="210" width="60" height="30" rx="6" fill="${c.a}"/>`,
  rope: (c) =>
    `<path d="M120 110 C60 260 340 260 280 110" stroke="${c.m}" stroke-width="12" fill="none"/>` +
    `<rect x="104" y="70" width="32" height="70" rx="14" fill="${c.d}"/><rect x="264" y="70" width="32" height="70" rx="14" fill="${c.d}"/>` +
    `<circle cx="200" cy="252" r="12" fill="${c.a}"/>`,
  glove: (c) =>
    `<path d="M130 300 V170 a18 18 0 0 1 36 0 V130 a18 18 0 0 1 36 0 V120 a18 18 0 0 1 36 0 V140 a18 18 0 0 1 36 0 V240 C274 280 250 300 220 300 Z" fill="${c.m}"/>` +
    `<path d="M130 210 L100 180 a16 16 0 0 0 -20 24 L130 260" fill="${c.m}"/><rect x="130" y="280" width="120" height="34" rx="8" fill="${c.a}"/>`,
  goggles: (c) =>
    `<path d="M80 200 H320" stroke="${c.d}" stroke-width="14"/>` +
    `<rect x="100" y="160" width="90" height="80" rx="36" fill="${c.m}"/><rect x="210" y="160" width="90" height="80" rx="36" fill="${c.m}"/>` +
    `<rect x="114" y="174" width="62" height="52" rx="24" fill="${c.a}"/><rect x="224" y="174" width="62" height="52" rx="24" fill="${c.a}"/>`,
  blocks: (c) =>
    `<rect x="100" y="220" width="90" height="90" rx="8" fill="${c.m}"/><rect x="200" y="220" width="90" height="90" rx="8" fill="${c.a}"/>` +
    `<rect x="150" y="120" width="90" height="90" rx="8" fill="${c.d}"/><text x="195" y="183" font-family="sans-serif" font-size="56" font-weight="bold" text-anchor="middle" fill="${c.l}">A</text>`,
  puzzle: (c) =>
    `<path d="M110 110 H180 a22 22 0 1 1 40 0 H290 V180 a22 22 0 1 0 0 40 V290 H220 a22 22 0 1 0 -40 0 H110 V220 a22 22 0 1 1 0 -40 Z" fill="${c.m}"/>` +
    `<circle cx="200" cy="200" r="34" fill="${c.a}"/>`,
  bear: (c) =>
    `<circle cx="140" cy="120" r="32" fill="${c.m}"/><circle cx="260" cy="120" r="32" fill="${c.m}"/><circle cx="200" cy="190" r="90" fill="${c.m}"/>` +
    `<ellipse cx="200" cy="225" rx="42" ry="32" fill="${c.l}"/><circle cx="168" cy="170" r="10" fill="${c.d}"/><circle cx="232" cy="170" r="10" fill="${c.d}"/>` +
    `<ellipse cx="200" cy="212" rx="14" ry="10" fill="${c.d}"/><circle cx="140" cy="120" r="14" fill="${c.a}"/><circle cx="260" cy="120" r="14" fill="${c.a}"/>`,
  kite: (c) =>
    `<path d="M200 70 L290 170 L200 270 L110 170 Z" fill="${c.m}"/><path d="M200 70 L200 270 M110 170 H290" stroke="${c.l}" stroke-width="5"/>` +
    `<path d="M200 270 C170 300 230 310 200 340" stroke="${c.d}" stroke-width="5" fill="none"/><path d="M200 70 L290 170 L200 170 Z" fill="${c.a}"/>`,
  train: (c) =>
    `<rect x="90" y="170" width="170" height="90" rx="10" fill="${c.m}"/><rect x="210" y="120" width="90" height="140" rx="10" fill="${c.d}"/>` +
    `<rect x="226" y="138" width="58" height="44" rx="6" fill="${c.l}"/><rect x="120" y="136" width="30" height="40" fill="${c.d}"/>` +
    `<circle cx="130" cy="275" r="24" fill="${c.a}"/><circle cx="200" cy="275" r="24" fill="${c.a}"/><circle cx="270" cy="275" r="24" fill="${c.a}"/>`,
  dice: (c) =>
    `<rect x="100" y="120" width="130" height="130" rx="20" fill="${c.m}" transform="rotate(-10 165 185)"/>` +
    `<rect x="200" y="170" width="110" height="110" rx="18" fill="${c.a}" transform="rotate(12 255 225)"/>` +
    `<circle cx="135" cy="160" r="11" fill="${c.l}"/><circle cx="165" cy="185" r="11" fill="${c.l}"/><circle cx="195" cy="210" r="11" fill="${c.l}"/>` +
    `<circle cx="235" cy="205" r="10" fill="${c.d}"/><circle cx="275" cy="245" r="10" fill="${c.d}"/>`,
  robot: (c) =>
    `<rect x="130" y="110" width="140" height="110" rx="20" fill="${c.m}"/><rect x="150" y="230" width="100" height="80" rx="12" fill="${c.d}"/>` +
    `<circle cx="170" cy="160" r="16" fill="${c.l}"/><circle cx="230" cy="160" r="16" fill="${c.l}"/><rect x="170" y="190" width="60" height="10" rx="5" fill="${c.a}"/>` +
    `<path d="M200 110 V80" stroke="${c.d}" stroke-width="8"/><circle cx="200" cy="76" r="12" fill="${c.a}"/>`,
  top: (c) =>
    `<path d="M110 170 H290 L200 310 Z" fill="${c.m}"/><ellipse cx="200" cy="170" rx="90" ry="28" fill="${c.a}"/>` +
    `<rect x="190" y="90" width="20" height="70" rx="8" fill="${c.d}"/>`,
  shirt: (c) =>
    `<path d="M150 90 L90 130 L115 180 L140 168 V310 H260 V168 L285 180 L310 130 L250 90 C240 115 160 115 150 90 Z" fill="${c.m}"/>` +
    `<path d="M140 200 H260 M140 240 H260" stroke="${c.a}" stroke-width="12"/>`,
  jacket: (c) =>
    `<path d="M160 86 L100 120 L80 300 H140 V180 V310 H260 V180 V300 H320 L300 120 L240 86 L200 120 Z" fill="${c.m}"/>` +
    `<path d="M200 120 V310" stroke="${c.d}" stroke-width="6"/><path d="M160 86 C170 70 230 70 240 86 L200 120 Z" fill="${c.a}"/>` +
    `<rect x="150" y="230" width="34" height="8" fill="${c.l}"/><rect x="216" y="230" width="34" height="8" fill="${c.l}"/>`,
  sock: (c) =>
    `<path d="M160 80 H240 V230 C240 300 200 320 150 310 C110 300 100 270 120 250 L160 220 Z" fill="${c.m}"/>` +
    `<rect x="160" y="80" width="80" height="36" fill="${c.a}"/><path d="M160 140 H240 M160 160 H240" stroke="${c.l}" stroke-width="6"/>`,
  scarf: (c) =>
    `<path d="M130 110 C160 150 240 150 270 110 L280 160 C240 200 160 200 120 160 Z" fill="${c.m}"/>` +
    `<rect x="210" y="170" width="50" height="140" rx="8" fill="${c.m}"/><path d="M210 200 H260 M210 230 H260 M210 260 H260" stroke="${c.a}" stroke-width="10"/>` +
    `<path d="M215 310 V330 M230 310 V330 M245 310 V330" stroke="${c.d}" stroke-width="5"/>`,
  hat: (c) =>
    `<path d="M110 250 C110 140 290 140 290 250 Z" fill="${c.m}"/><rect x="100" y="240" width="200" height="50" rx="12" fill="${c.a}"/>` +
    `<circle cx="200" cy="130" r="26" fill="${c.d}"/>`,
  trousers: (c) =>
    `<path d="M130 90 H270 L290 320 H220 L200 170 L180 320 H110 Z" fill="${c.m}"/><rect x="130" y="90" width="140" height="26" fill="${c.d}"/>` +
    `<circle cx="200" cy="103" r="6" fill="${c.a}"/>`,
  shoe: (c) =>
    `<path d="M90 270 V200 C140 200 170 170 180 140 H220 C230 190 270 210 320 230 V270 Z" fill="${c.m}"/>` +
    `<rect x="84" y="262" width="242" height="26" rx="12" fill="${c.d}"/><path d="M190 170 L215 180 M185 190 L220 198" stroke="${c.a}" stroke-width="7" stroke-linecap="round"/>`,
  tube: (c) =>
    `<path d="M150 90 H250 L240 290 H160 Z" fill="${c.m}"/><rect x="170" y="290" width="60" height="34" rx="6" fill="${c.d}"/>` +
    `<rect x="150" y="80" width="100" height="16" rx="4" fill="${c.d}"/><circle cx="200" cy="180" r="28" fill="${c.a}"/>`,
  brush: (c) =>
    `<rect x="182" y="170" width="36" height="160" rx="16" fill="${c.m}"/><rect x="150" y="70" width="100" height="110" rx="40" fill="${c.d}"/>` +
    `<g fill="${c.a}">${[0, 1, 2]
      .map((r) => [0, 1, 2].map((k) => `<circle cx="${172 + k * 28}" cy="${100 + r * 28}" r="6"/>`).join(''))
      .join('')}</g>`,
  drop: (c) =>
    `<rect x="135" y="150" width="130" height="160" rx="30" fill="${c.m}"/><rect x="180" y="110" width="40" height="44" fill="${c.d}"/>` +
    `<rect x="165" y="88" width="70" height="28" rx="10" fill="${c.a}"/><path d="M200 200 C180 230 180 255 200 260 C220 255 220 230 200 200 Z" fill="${c.l}"/>`,
  can: (c) =>
    `<path d="M130 160 H250 V300 H130 Z" fill="${c.m}"/><path d="M250 200 L320 130" stroke="${c.m}" stroke-width="20" stroke-linecap="round"/>` +
    `<path d="M130 180 C80 180 80 260 130 260" stroke="${c.d}" stroke-width="14" fill="none"/>` +
    `<circle cx="325" cy="125" r="16" fill="${c.d}"/><rect x="150" y="210" width="80" height="12" rx="6" fill="${c.a}"/>`,
  shears: (c) =>
    `<path d="M200 190 L130 80 M200 190 L270 80" stroke="${c.l}" stroke-width="22" stroke-linecap="round"/>` +
    `<path d="M200 190 L150 310 M200 190 L250 310" stroke="${c.m}" stroke-width="26" stroke-linecap="round"/>` +
    `<circle cx="200" cy="190" r="14" fill="${c.d}"/><circle cx="200" cy="190" r="5" fill="${c.a}"/>`,
  plant: (c) =>
    `<path d="M200 200 C150 170 130 120 150 90 C190 110 200 150 200 200 C210 150 230 110 270 100 C270 150 240 180 200 200 Z" fill="${c.a}"/>` +
    `<path d="M135 200 H265 L245 310 H155 Z" fill="${c.m}"/><rect x="125" y="190" width="150" height="26" rx="6" fill="${c.d}"/>`,
  seedling: (c) =>
    `<rect x="110" y="250" width="180" height="60" rx="10" fill="${c.m}"/>` +
    `<path d="M200 250 V170" stroke="${c.d}" stroke-width="8"/><path d="M200 180 C170 180 140 160 140 120 C180 120 200 140 200 180 Z M200 160 C220 130 250 120 270 130 C262 160 230 170 200 160 Z" fill="${c.a}"/>`,
  hose: (c) =>
    `<circle cx="190" cy="200" r="90" fill="none" stroke="${c.m}" stroke-width="24"/><circle cx="190" cy="200" r="50" fill="none" stroke="${c.m}" stroke-width="24"/>` +
    `<path d="M270 240 L320 300" stroke="${c.m}" stroke-width="20" stroke-linecap="round"/><rect x="300" y="290" width="40" height="26" rx="6" fill="${c.d}" transform="rotate(50 320 303)"/>` +
    `<circle cx="190" cy="200" r="16" fill="${c.a}"/>`,
  bird: (c) =>
    `<ellipse cx="190" cy="210" rx="90" ry="66" fill="${c.m}"/><circle cx="260" cy="160" r="44" fill="${c.m}"/>` +
    `<path d="M300 156 L336 166 L300 176 Z" fill="${c.a}"/><circle cx="270" cy="150" r="8" fill="${c.d}"/>` +
    `<path d="M130 200 C170 180 210 200 220 240 C180 250 150 240 130 200 Z" fill="${c.a}"/><path d="M180 276 V310 M210 276 V310" stroke="${c.d}" stroke-width="6"/>`,
  trowel: (c) =>
    `<path d="M200 60 C260 100 260 180 200 220 C140 180 140 100 200 60 Z" fill="${c.l}" stroke="${c.d}" stroke-width="6"/>` +
    `<rect x="194" y="216" width="12" height="30" fill="${c.d}"/><rect x="182" y="244" width="36" height="90" rx="14" fill="${c.m}"/>`,
  bin: (c) =>
    `<path d="M120 140 H280 L265 310 H135 Z" fill="${c.m}"/><rect x="110" y="118" width="180" height="26" rx="8" fill="${c.d}"/>` +
    `<path d="M180 230 a26 26 0 1 1 40 0 M200 190 L200 270" stroke="${c.a}" stroke-width="10" fill="none" stroke-linecap="round"/>`,
  lamp: (c) =>
    `<path d="M150 90 H250 L280 180 H120 Z" fill="${c.m}"/><ellipse cx="200" cy="195" rx="30" ry="14" fill="${c.a}"/>` +
    `<rect x="192" y="180" width="16" height="120" fill="${c.d}"/><rect x="140" y="296" width="120" height="22" rx="8" fill="${c.d}"/>`,
  rake: (c) =>
    `<rect x="190" y="60" width="20" height="200" rx="8" fill="${c.m}"/><path d="M110 260 H290" stroke="${c.d}" stroke-width="14" stroke-linecap="round"/>` +
    `<path d="M120 260 V320 M150 260 V320 M180 260 V320 M220 260 V320 M250 260 V320 M280 260 V320" stroke="${c.d}" stroke-width="8"/>` +
    `<rect x="186" y="244" width="28" height="20" rx="4" fill="${c.a}"/>`,
  notebook: (c) =>
    `<rect x="120" y="80" width="170" height="240" rx="12" fill="${c.m}"/><rect x="260" y="80" width="14" height="240" fill="${c.a}"/>` +
    `<path d="M106 110 H134 M106 150 H134 M106 190 H134 M106 230 H134 M106 270 H134" stroke="${c.d}" stroke-width="8" stroke-linecap="round"/>` +
    `<rect x="150" y="120" width="90" height="40" rx="4" fill="${c.l}"/>`,
  pen: (c) =>
    `<path d="M110 300 L130 240 L270 100 L300 130 L160 270 Z" fill="${c.m}"/><path d="M110 300 L130 240 L160 270 Z" fill="${c.l}"/>` +
    `<path d="M250 120 L280 150" stroke="${c.a}" stroke-width="12"/><circle cx="116" cy="294" r="5" fill="${c.d}"/>`,
  stapler: (c) =>
    `<rect x="90" y="250" width="230" height="36" rx="12" fill="${c.d}"/><path d="M90 240 C90 190 130 170 180 170 H320 V236 H90 Z" fill="${c.m}"/>` +
    `<rect x="230" y="186" width="70" height="14" rx="7" fill="${c.a}"/>`,
  folder: (c) =>
    `<path d="M90 120 H170 L190 145 H310 V300 H90 Z" fill="${c.d}"/><rect x="110" y="160" width="180" height="130" fill="${c.l}"/>` +
    `<path d="M90 180 H310 V300 H90 Z" fill="${c.m}"/><rect x="170" y="215" width="60" height="14" rx="7" fill="${c.a}"/>`,
  whiteboard: (c) =>
    `<rect x="80" y="90" width="240" height="170" rx="8" fill="${c.l}" stroke="${c.m}" stroke-width="12"/>` +
    `<path d="M110 140 C140 120 170 160 200 140 M110 190 H240" stroke="${c.a}" stroke-width="8" fill="none" stroke-linecap="round"/>` +
    `<path d="M140 260 L120 320 M260 260 L280 320" stroke="${c.d}" stroke-width="10"/><rect x="250" y="200" width="40" height="12" rx="4" fill="${c.d}"/>`,
  notes: (c) =>
    `<rect x="110" y="110" width="150" height="150" rx="6" fill="${c.a}" transform="rotate(-8 185 185)"/>` +
    `<rect x="150" y="150" width="150" height="150" rx="6" fill="${c.m}"/><path d="M170 190 H280 M170 220 H280 M170 250 H240" stroke="${c.l}" stroke-width="8" stroke-linecap="round"/>`,
  label: (c) =>
    `<rect x="120" y="100" width="160" height="210" rx="24" fill="${c.m}"/><rect x="140" y="124" width="120" height="50" rx="6" fill="${c.l}"/>` +
    `<g fill="${c.d}">${[0, 1, 2]
      .map((r) =>
        [0, 1, 2]
          .map((k) => `<rect x="${148 + k * 38}" y="${196 + r * 34}" width="28" height="24" rx="5"/>`)
          .join(''),
      )
      .join('')}</g><rect x="170" y="70" width="80" height="36" fill="${c.a}"/>`,
  monitor: (c) =>
    `<rect x="80" y="90" width="240" height="150" rx="12" fill="${c.d}"/><rect x="94" y="104" width="212" height="122" rx="4" fill="${c.a}"/>` +
    `<rect x="90" y="270" width="220" height="26" rx="6" fill="${c.m}"/><rect x="110" y="294" width="20" height="30" fill="${c.m}"/><rect x="270" y="294" width="20" height="30" fill="${c.m}"/>` +
    `<rect x="188" y="240" width="24" height="30" fill="${c.d}"/>`,
  cup: (c) =>
    `<path d="M110 150 H270 V230 C270 280 230 300 190 300 C150 300 110 280 110 230 Z" fill="${c.m}"/>` +
    `<path d="M270 170 C320 170 320 240 268 240" stroke="${c.m}" stroke-width="16" fill="none"/>` +
    `<path d="M160 130 C150 110 170 95 160 75 M210 130 C200 110 220 95 210 75" stroke="${c.a}" stroke-width="8" fill="none" stroke-linecap="round"/>` +
    `<rect x="90" y="300" width="200" height="14" rx="7" fill="${c.d}"/>`,
  bag: (c) =>
    `<path d="M130 110 H270 L290 310 H110 Z" fill="${c.m}"/><path d="M130 110 L150 90 H250 L270 110" fill="${c.d}"/>` +
    `<rect x="150" y="170" width="100" height="80" rx="10" fill="${c.l}"/><ellipse cx="200" cy="210" rx="22" ry="30" fill="${c.a}"/>` +
    `<path d="M200 184 C190 200 210 220 200 236" stroke="${c.l}" stroke-width="4" fill="none"/>`,
  chocolate: (c) =>
    `<rect x="110" y="90" width="180" height="230" rx="10" fill="${c.m}"/>` +
    `<g fill="${c.d}" opacity="0.5">${[0, 1, 2, 3]
      .map((r) =>
        [0, 1]
          .map((k) => `<rect x="${126 + k * 80}" y="${104 + r * 52}" width="68" height="42" rx="6"/>`)
          .join(''),
      )
      .join('')}</g><path d="M110 220 H290 V320 H110 Z" fill="${c.a}"/>`,
  pot: (c) =>
    `<rect x="130" y="110" width="140" height="36" rx="10" fill="${c.a}"/><path d="M126 146 H274 C290 190 290 270 260 310 H140 C110 270 110 190 126 146 Z" fill="${c.m}"/>` +
    `<rect x="150" y="200" width="100" height="60" rx="8" fill="${c.l}"/><path d="M120 140 H280" stroke="${c.d}" stroke-width="6"/>`,
  chili: (c) =>
    `<path d="M150 120 C120 220 170 310 290 320 C220 280 200 200 210 130 Z" fill="${c.a}"/>` +
    `<path d="M150 120 C160 100 200 100 210 130" fill="${c.m}"/><path d="M180 110 C180 90 190 75 210 70" stroke="${c.m}" stroke-width="10" fill="none" stroke-linecap="round"/>`,
};

/** The light background tint of a colour given as #rrggbb. */
function tint(hex: string, amount: number): string {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
    return Math.round(v + (255 - v) * amount)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(1)}${channel(2)}`;
}

/**
 * The product's illustration: a drawing of its kind (headphones, a book, a kettle…) in the category's
 * colour on a light ground, with an accent colour and a background motif that vary by product, so the two
 * versions of a kind look related but different.
 */
export function productSvg(p: SeedProduct): string {
  const cat = SEED_CATEGORIES.find((c) => c.name === p.category);
  const main = cat?.color ?? '#334155';
  const n = Number(p.sku.slice(-3));
  const hue = (n * 47 + (cat?.code.charCodeAt(0) ?? 0) * 13) % 360;
  const palette: Palette = { m: main, a: `hsl(${hue}, 75%, 60%)`, d: '#1e293b', l: '#f8fafc' };
  const ground = tint(main, 0.86);
  const motif =
    n % 2 === 0
      ? `<circle cx="200" cy="200" r="150" fill="${tint(main, 0.72)}"/>`
      : `<rect x="60" y="60" width="280" height="280" rx="60" fill="${tint(main, 0.72)}" transform="rotate(${(n * 7) % 30} 200 200)"/>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400" viewBox="0 0 400 400" role="img" aria-label="${escapeXml(p.name)}">`,
    `<title>${escapeXml(p.name)}</title>`,
    `<rect width="400" height="400" fill="${ground}"/>`,
    motif,
    `<ellipse cx="200" cy="335" rx="120" ry="14" fill="${tint(main, 0.6)}"/>`,
    DRAWINGS[p.icon](palette),
    `</svg>`,
    '',
  ].join('\n');
}
