import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, Page, chromium } from 'playwright-core';
import { REPO_ROOT } from '@shop/testing';

/** Debian's Chromium; the tests never download a browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where screenshots go (ignored by git, kept by CI as test artefacts). */
export const ARTEFACTS_DIR = join(REPO_ROOT, 'test-artefacts', 'browser');

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 360, height: 740 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** Widths between a small phone and a desktop at which no page may scroll sideways. */
export const LAYOUT_WIDTHS = [360, 390, 768, 1024, 1280];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** One serious or critical axe-core finding, short enough to read in a test failure. */
export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Runs axe-core on the page and returns its serious and critical violations. */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: { id: string; impact?: string; help: string; nodes: { target: unknown[] }[] }[];
    }
    const results = await axe.run(document);
    return results.violations.map((v) => ({
      rule: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways). */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The elements that stick out past the right edge, to name in a failure. */
export function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        const cls = el.getAttribute('class');
        out.push(
          `${el.tagName.toLowerCase()}${cls ? '.' + cls.split(/\s+/).join('.') : ''} (right ${Math.round(r.right)})`,
        );
      }
    }
    return out.slice(0, 8);
  });
}

/**
 * Tabs through the page and describes every focus stop: what it is, and whether the focus is visible (an
 * outline or a box shadow that differs from the unfocused element's).
 */
export async function focusStops(page: Page, max = 60): Promise<{ name: string; visible: boolean }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.mouse.click(1, 1);
  const stops: { name: string; visible: boolean }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== 'none';
      const label = (el.getAttribute('aria-label') ?? el.textContent ?? '')
        .trim()
        .replace(/\s+/g, ' ')
        .slice(0, 40);
      const path: string[] = [];
      for (let e: Element | null = el; e && e !== document.body; e = e.parentElement) {
        path.unshift(`${e.tagName}${Array.prototype.indexOf.call(e.parentElement?.children ?? [], e)}`);
      }
      return {
        name: `${el.tagName.toLowerCase()} "${label}"`,
        visible: outline || shadow,
        key: path.join('/'),
      };
    });
    if (!stop || seen.has(stop.key)) break;
    seen.add(stop.key);
    stops.push({ name: stop.name, visible: stop.visible });
  }
  return stops;
}

export function screenshotPath(page: string, viewport: ViewportName): string {
  mkdirSync(ARTEFACTS_DIR, { recursive: true });
  return join(ARTEFACTS_DIR, `${page}-${viewport}.png`);
}
