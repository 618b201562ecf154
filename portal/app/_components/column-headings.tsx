/** A table's header row: one column heading per label, those in `numeric` aligned like the figures below them. */
export function ColumnHeadings({ columns, numeric = [] }: { columns: string[]; numeric?: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col" className={numeric.includes(column) ? "numeric" : undefined}>
            {column}
          </th>
        ))}
      </tr>
    </thead>
  );
}
