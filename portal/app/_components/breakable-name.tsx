import { Fragment } from "react";

/**
 * A DID name with line-break opportunities after its separators, so a long name wraps at '.', '_' and
 * '/' rather than mid-word. The text (and so the accessible name) is unchanged.
 */
export function BreakableName({ name }: { name: string }) {
  const parts = name.split(/(?<=[._/:])/);
  return (
    <>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
