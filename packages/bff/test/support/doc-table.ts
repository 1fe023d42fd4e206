/**
 * Reading a Markdown table of docs/ and comparing its first column with the code's list, so that the docs
 * test fails on a duplicated, a missing and an extra row alike (folding rows into an object would hide a
 * duplicate).
 */

/** The rows of the first Markdown table whose header starts with `firstColumn`, cells trimmed. */
export function readTable(markdown: string, firstColumn: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${firstColumn} |`));
  if (start === -1) return [];
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

export const unquote = (cell: string): string => cell.replace(/^`|`$/g, '');

export interface TableDrift {
  duplicated: string[];
  missing: string[];
  extra: string[];
}

/** Which keys the table lists twice, leaves out, or lists without the code having them. */
export function compareTableKeys(rows: readonly string[][], expected: Iterable<string>): TableDrift {
  const seen = new Set<string>();
  const duplicated = new Set<string>();
  for (const [cell = ''] of rows) {
    const key = unquote(cell);
    if (seen.has(key)) duplicated.add(key);
    seen.add(key);
  }
  const wanted = new Set(expected);
  return {
    duplicated: [...duplicated].sort(),
    missing: [...wanted].filter((key) => !seen.has(key)).sort(),
    extra: [...seen].filter((key) => !wanted.has(key)).sort(),
  };
}
