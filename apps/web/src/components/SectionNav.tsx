import { NavLink } from 'react-router-dom';

export interface SectionLink {
  to: string;
  label: string;
  show: boolean;
  end?: boolean;
}

/** A section's own navigation (filtering, compliance...), shown at the top of each of its pages. */
export function SectionNav({ label, links }: { label: string; links: SectionLink[] }) {
  return (
    <nav aria-label={label}>
      <ul className="actions">
        {links
          .filter((l) => l.show)
          .map((l) => (
            <li key={l.to}>
              <NavLink to={l.to} end={l.end ?? false}>
                {l.label}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
