/** A table cell as the bench records it; null and undefined print as "-". */
export type Cell = string | number | null | undefined;

/** A table of the report: what it shows, its column names and its rows. */
export interface Table {
  caption: string;
  headers: string[];
  rows: Cell[][];
}

function text(cell: Cell): string {
  return cell === null || cell === undefined ? '-' : String(cell);
}

/** Prints rows as an aligned plain-text table (numbers right-aligned). */
export function formatTable(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((r) => r.map(text));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => cells.every((r) => /^-?[\d.,]+%?$|^-$/.test(r[i] ?? '-')));
  const line = (r: string[]) =>
    r
      .map((c, i) => (numeric[i] ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** Writes rows as a Markdown table (numeric columns right-aligned; `|` and line breaks escaped). */
export function markdownTable(headers: string[], rows: Cell[][]): string {
  const cells = rows.map((r) => headers.map((_, i) => text(r[i])));
  const numeric = headers.map((_, i) => cells.every((r) => /^-?[\d.,]+%?$|^-$/.test(r[i])));
  const escape = (c: string) => c.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const line = (r: string[]) => `| ${r.map(escape).join(' | ')} |`;
  return [line(headers), `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`, ...cells.map(line)].join(
    '\n',
  );
}
