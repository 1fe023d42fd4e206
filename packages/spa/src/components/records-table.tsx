interface RecordsTableProps {
  caption: string;
  columns: ReadonlyArray<{ field: string; label: string }>;
  rows: ReadonlyArray<ReadonlyArray<string>>;
}

/**
 * A records scope (children, vehicles, …) as a table with a caption and column headers. On a narrow
 * screen the table scrolls inside a focusable, labelled region so keyboard users can scroll it too.
 */
export function RecordsTable({ caption, columns, rows }: RecordsTableProps) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1).
    <section className="table-scroll" tabIndex={0} aria-label={`${caption} (table, scrolls sideways)`}>
      <table className="records-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.field} scope="col">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
            // Records have no stable id of their own; their order is the order sgID sent.
            // biome-ignore lint/suspicious/noArrayIndexKey: static list, never reordered.
            <tr key={rowIndex}>
              {row.map((cell, cellIndex) => {
                const column = columns[cellIndex];
                return cellIndex === 0 ? (
                  <th key={column?.field ?? cellIndex} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={column?.field ?? cellIndex}>{cell}</td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
