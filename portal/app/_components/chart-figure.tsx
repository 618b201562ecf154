"use client";

import type { ReactNode } from "react";
import { Tooltip } from "recharts";
import { ColumnHeadings } from "./column-headings";
import { useHydrated } from "./use-hydrated";
import styles from "./chart.module.css";

export interface ChartTable {
  /** Says what the table lists (its caption). */
  caption: string;
  columns: string[];
  numeric?: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

interface ChartFigureProps {
  id: string;
  title: string;
  /** The chart's main finding in a sentence, read before the chart. */
  summary?: ReactNode;
  /** The numbers the chart draws, as a table a screen reader or a keyboard user can read row by row. */
  table: ChartTable;
  /** "compact" for a narrow column (the search's filters), "medium" for a chart read over time. */
  size?: "compact" | "small" | "medium";
  children: ReactNode;
}

/**
 * A chart with its title, a one-line summary and its numbers as a table (folded away below it). The
 * plot itself is drawn in the browser only: its wrappers carry style attributes, which the
 * Content-Security-Policy refuses in server HTML but not when set from script. The title, summary and
 * table are in the server's HTML.
 */
export function ChartFigure({ id, title, summary, table, size = "small", children }: ChartFigureProps) {
  const hydrated = useHydrated();
  return (
    <figure
      className={size === "compact" ? `${styles.figure} ${styles.compact}` : styles.figure}
      aria-labelledby={`${id}-title`}
      data-chart={id}
    >
      <figcaption id={`${id}-title`} className={styles.title}>
        {title}
      </figcaption>
      {summary && <p className={styles.summary}>{summary}</p>}
      <div className={size === "small" ? styles.plot : `${styles.plot} ${styles[size]}`}>
        {hydrated ? children : null}
      </div>
      <details className={styles.numbers}>
        <summary>Show the numbers</summary>
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">{table.caption}</caption>
            <ColumnHeadings columns={table.columns} numeric={table.numeric} />
            <tbody>
              {table.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, index) =>
                    index === 0 ? (
                      <th key={index} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td
                        key={index}
                        className={table.numeric?.includes(table.columns[index]!) ? "numeric" : undefined}
                      >
                        {cell}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}

/**
 * The tooltip of a chart whose items are rows of its data: `linesOf` says what it shows for the row
 * under the pointer or keyboard focus, the first line as its title. An element, not a component:
 * recharts finds its tooltip among the chart's direct children.
 */
export function rowTooltip<Row>(linesOf: (row: Row) => string[]) {
  return (
    <Tooltip
      isAnimationActive={false}
      content={({ active, payload }) => {
        const row = payload?.[0]?.payload as Row | undefined;
        if (!active || !row) return null;
        return (
          <div className={styles.tooltip}>
            {linesOf(row).map((line, index) => (
              <p key={index} className={index === 0 ? styles.tooltipTitle : undefined}>
                {line}
              </p>
            ))}
          </div>
        );
      }}
    />
  );
}

/** A bar series in the theme's colour, drawn at once (no animation to wait for or to distract). */
export const themedBar = { className: styles.bar!, fill: "currentColor", isAnimationActive: false } as const;

/** A chart that fills its figure's plot and takes its colours from the theme (chart.module.css). */
export const themedChart = { responsive: true, className: styles.chart! } as const;

/** Class names recharts' elements are drawn with here: colours come from the theme's CSS variables. */
export const chartClass = {
  dimmed: styles.dimmed!,
  area: styles.area!,
};
