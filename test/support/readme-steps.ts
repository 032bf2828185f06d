/**
 * The step table every example README keeps: `| Source step | Command | Chart | What you see |`.
 * Cells are separated by unescaped pipes; a command's own pipes are written `\|`.
 */

/** One row of the step table. */
export interface StepRow {
  readonly step: string;
  readonly command: string;
  readonly chart: string;
  readonly sees: string;
}

/** The header and rows of the first table whose first column is "Source step", cell by cell. */
export function stepTable(markdown: string): { header: string[]; rows: string[][] } {
  const lines = markdown.split('\n');
  const start = lines.findIndex(line => /^\|\s*Source step\s*\|/.test(line));
  if (start < 0) throw new Error('no table with a "Source step" column in the README');
  const cells = (line: string) => line.trim().replace(/^\||\|$/g, '').split(/(?<!\\)\|/).map(cell => cell.trim());
  const body = lines.slice(start + 2);
  const end = body.findIndex(line => !line.startsWith('|'));
  return { header: cells(lines[start]), rows: body.slice(0, end < 0 ? body.length : end).map(cells) };
}

/** The rows of the step table, which must have exactly the four columns. */
export function readmeSteps(markdown: string): StepRow[] {
  const { header, rows } = stepTable(markdown);
  if (header.join('|') !== 'Source step|Command|Chart|What you see') {
    throw new Error(`README step table has columns ${header.join(', ')}, not Source step, Command, Chart, What you see`);
  }
  return rows.map(cells => {
    if (cells.length !== 4) throw new Error(`README step row has ${cells.length} cells, not 4: ${cells.join(' | ')}`);
    return { step: cells[0], command: cells[1], chart: cells[2], sees: cells[3] };
  });
}

/** The chart files (`<id>.k8s.yaml`) a cell names. */
export function chartFiles(cell: string): string[] {
  return [...cell.matchAll(/([\w.-]+\.k8s\.yaml)/g)].map(m => m[1]);
}
