import { DataTable, ErrorMessage } from '../../components/DataTable';
import { patch, post } from '../../lib/api';
import { AGENCY_KIND_LABELS, AGENCY_KIND_LIST, type Agency } from '../../lib/concerns';
import { useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { ConcernsNav } from './ConcernsNav';
import { useRun } from './useRun';

const opt = (v: string) => v.trim() || null;
const contact = (f: FormData) => ({
  phone: opt(formText(f, 'phone')),
  website: opt(formText(f, 'website')),
  email: opt(formText(f, 'email')),
});

/**
 * The agency directory (policy Appendix E): national services filled in, local ones for the school to complete.
 * With `trust`, the entries a trust or local authority keeps once for all its schools, which each school inherits
 * and may override with its own copy (editing an inherited entry here makes that copy).
 */
export function Agencies({ trust = false }: { trust?: boolean }) {
  const title = trust ? 'Local authority agency entries' : 'Agency directory';
  const url = trust ? '/api/organisation/concern-agencies' : '/api/concern-agencies';
  usePageTitle(title);
  const { data, error, reload } = useApi<{
    agencies: (Agency & {
      email: string | null;
      level?: 'school' | 'organisation';
      inherits?: string | null;
    })[];
  }>(url);
  const edit = useRun(reload);
  const add = useRun(reload);
  return (
    <section>
      <h1>{title}</h1>
      <ConcernsNav />
      {trust ? (
        <p className="hint">
          Every school of your trust or local authority sees these entries in its directory (a school may keep
          its own copy instead). Name services, not people.
        </p>
      ) : (
        <p className="hint">
          National services come filled in. Add your local authority’s numbers for the LADO, children’s social
          care and the Education Safeguarding Team, unless your local authority keeps them for you. Name
          services, not people.
        </p>
      )}
      <ErrorMessage text={error} />
      {edit.messages}
      {data && (
        <DataTable
          label="Agencies"
          caption={trust ? 'Entries your schools inherit' : 'The school’s agency directory'}
          columns={['Agency', 'Kind', 'Phone', 'Contact', 'Change']}
        >
          {data.agencies.map((a) => (
            <tr key={a.id}>
              <td>
                {a.name}
                {a.level === 'organisation' && <span className="hint"> From your local authority</span>}
                {a.inherits && (
                  <span className="hint"> Your school’s copy of the local authority’s entry</span>
                )}
              </td>
              <td>{AGENCY_KIND_LABELS[a.kind]}</td>
              <td>{a.phone ?? (a.national ? '' : 'Not filled in yet')}</td>
              <td>
                {a.website && (
                  <a href={a.website} target="_blank" rel="noreferrer">
                    Website<span className="visually-hidden"> of {a.name} (opens in a new tab)</span>
                  </a>
                )}{' '}
                {a.email ?? ''}
              </td>
              <td>
                <details>
                  <summary>
                    Edit<span className="visually-hidden"> {a.name}</span>
                  </summary>
                  <form
                    onSubmit={edit.onSubmit((f) => patch(`${url}/${a.id}`, contact(f)), `${a.name}: saved.`)}
                  >
                    <label htmlFor={`ag-phone-${a.id}`}>Phone</label>
                    <input id={`ag-phone-${a.id}`} name="phone" defaultValue={a.phone ?? ''} maxLength={50} />
                    <label htmlFor={`ag-web-${a.id}`}>Website</label>
                    <input
                      id={`ag-web-${a.id}`}
                      name="website"
                      type="url"
                      defaultValue={a.website ?? ''}
                      maxLength={500}
                    />
                    <label htmlFor={`ag-email-${a.id}`}>Email</label>
                    <input
                      id={`ag-email-${a.id}`}
                      name="email"
                      type="email"
                      defaultValue={a.email ?? ''}
                      maxLength={320}
                    />
                    <button type="submit">
                      Save<span className="visually-hidden"> {a.name}</span>
                    </button>
                  </form>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() =>
                      void edit.run(() => patch(`${url}/${a.id}`, { archived: true }), `${a.name}: archived.`)
                    }
                  >
                    Archive<span className="visually-hidden"> {a.name}</span>
                  </button>
                </details>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <form
        className="panel"
        onSubmit={add.onSubmit(
          (f) =>
            post(url, {
              kind: formText(f, 'kind'),
              name: formText(f, 'name'),
              ...contact(f),
            }),
          'Added to the directory.',
        )}
      >
        <h2>Add an agency</h2>
        <div className="field">
          <label htmlFor="new-agency-kind">Kind</label>
          <select id="new-agency-kind" name="kind" defaultValue="other">
            {AGENCY_KIND_LIST.map((k) => (
              <option key={k} value={k}>
                {AGENCY_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-agency-name">Name of the service</label>
          <input id="new-agency-name" name="name" maxLength={200} required />
        </div>
        <div className="field">
          <label htmlFor="new-agency-phone">Phone</label>
          <input id="new-agency-phone" name="phone" maxLength={50} />
        </div>
        <div className="field">
          <label htmlFor="new-agency-website">Website</label>
          <input id="new-agency-website" name="website" type="url" maxLength={500} />
        </div>
        <div className="field">
          <label htmlFor="new-agency-email">Email</label>
          <input id="new-agency-email" name="email" type="email" maxLength={320} />
        </div>
        {add.messages}
        <button type="submit" disabled={add.busy}>
          Add the agency
        </button>
      </form>
    </section>
  );
}
