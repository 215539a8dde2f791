import { DataTable } from '../../components/DataTable';
import type { DiffItem } from '../../lib/filtering';

const ENTITY_LABELS: Record<string, string> = {
  group: 'Group',
  list: 'List',
  entry: 'Entry',
  schedule: 'Schedule',
  settings: 'Settings',
  baseline: 'Trust baseline',
};

const show = (v: unknown): string =>
  v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');

/** The fields of one record that an applied change altered: before and after, side by side. */
function changedFields(d: DiffItem): { field: string; before: string; after: string }[] {
  const b = (d.before ?? {}) as Record<string, unknown>;
  const a = (d.after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys
    .filter((k) => show(b[k]) !== show(a[k]))
    .map((k) => ({
      field: k,
      before: d.before === null ? '' : show(b[k]),
      after: d.after === null ? '' : show(a[k]),
    }));
}

function summary(d: DiffItem): string {
  const what = ENTITY_LABELS[d.entity] ?? d.entity;
  const rec = (d.after ?? d.before ?? {}) as { name?: string; domain?: string; label?: string };
  const name = rec.name ?? rec.domain ?? rec.label ?? '';
  const verb = d.before === null ? 'added' : d.after === null ? 'removed' : 'changed';
  return `${what}${name ? ` “${name}”` : ''} ${verb}`;
}

/** The logged diff of an applied change request (policy 7.3). */
export function ChangeDiff({ diff }: { diff: DiffItem[] }) {
  if (diff.length === 0) return <p>The change altered nothing.</p>;
  return (
    <ol className="diff">
      {diff.map((d, i) => {
        const fields = changedFields(d);
        return (
          <li key={`${d.id}-${i}`}>
            <h3>{summary(d)}</h3>
            <DataTable
              label={`Change ${i + 1}: ${summary(d)}`}
              caption={`What changed: ${summary(d)}`}
              columns={['Field', 'Before', 'After']}
            >
              {fields.map((f) => (
                <tr key={f.field}>
                  <td>{f.field}</td>
                  <td className="break">
                    {f.before ? <del>{f.before}</del> : <span className="hint">none</span>}
                  </td>
                  <td className="break">
                    {f.after ? <ins>{f.after}</ins> : <span className="hint">none</span>}
                  </td>
                </tr>
              ))}
            </DataTable>
          </li>
        );
      })}
    </ol>
  );
}
