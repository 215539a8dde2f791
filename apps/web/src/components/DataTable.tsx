import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on its own at 320 px (so the page never does), reachable by keyboard, with a
 * caption (visible or for screen readers) and column headers.
 */
export function DataTable(props: {
  label: string;
  caption: string;
  captionVisible?: boolean;
  columns: string[];
  children: ReactNode;
}) {
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={props.label}>
      <table>
        <caption className={props.captionVisible ? undefined : 'visually-hidden'}>{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** An error announced as soon as it appears. */
export function ErrorMessage({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p role="alert" className="error">
      {text}
    </p>
  );
}
