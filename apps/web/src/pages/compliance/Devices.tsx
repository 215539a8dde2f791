import { useState, type FormEvent } from 'react';
import { ANTIVIRUS_STATUSES, DEVICE_KINDS } from '@harbour/shared';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { errorText, useApi } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';

interface Device {
  id: string;
  assetTag: string;
  kind: string;
  assignee: string | null;
  encrypted: boolean;
  antivirusStatus: string;
  antivirusCheckedOn: string | null;
  offSite: boolean;
  flags: string[];
}
const FLAG_LABELS: Record<string, string> = {
  unencrypted_off_site: 'Off site without encryption',
  antivirus: 'Anti-virus out of date or unchecked',
};
const AV_LABELS: Record<string, string> = {
  up_to_date: 'Up to date',
  out_of_date: 'Out of date',
  none: 'None',
  not_applicable: 'Not applicable',
};

/** The school device inventory (policy 7.2, 7.4): devices off site without encryption are flagged. */
export function Devices() {
  usePageTitle('School devices');
  const { can } = useSession();
  const { data, error, reload } = useApi<{ devices: Device[] }>('/api/devices');
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const add = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNotice('');
    setProblem('');
    const f = new FormData(e.currentTarget);
    const el = e.currentTarget;
    try {
      await post('/api/devices', {
        assetTag: formText(f, 'assetTag'),
        kind: formText(f, 'kind'),
        encrypted: f.get('encrypted') === 'on',
        antivirusStatus: formText(f, 'antivirus'),
        antivirusCheckedOn: formText(f, 'checkedOn') || null,
        offSite: f.get('offSite') === 'on',
      });
      setNotice(`Device ${formText(f, 'assetTag')} added.`);
      el.reset();
      await reload();
    } catch (err) {
      setProblem(errorText(err, 'Could not add the device'));
    }
  };
  const flagged = data?.devices.filter((d) => d.flags.length > 0) ?? [];
  return (
    <section>
      <h1>School devices</h1>
      <ComplianceNav />
      <ErrorMessage text={error || problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      {data && (
        <p>
          {data.devices.length} devices; {flagged.length} flagged.
        </p>
      )}
      {data && data.devices.length > 0 && (
        <DataTable
          label="Devices"
          caption="School devices"
          columns={['Asset tag', 'Kind', 'Assigned to', 'Encrypted', 'Anti-virus', 'Off site', 'Flags']}
        >
          {data.devices.map((d) => (
            <tr key={d.id}>
              <td>{d.assetTag}</td>
              <td>{d.kind}</td>
              <td>{d.assignee ?? '—'}</td>
              <td>{d.encrypted ? 'Yes' : 'No'}</td>
              <td>
                {AV_LABELS[d.antivirusStatus] ?? d.antivirusStatus}
                {d.antivirusCheckedOn ? `, checked ${longDate(d.antivirusCheckedOn)}` : ''}
              </td>
              <td>{d.offSite ? 'Yes' : 'No'}</td>
              <td>{d.flags.map((f) => FLAG_LABELS[f] ?? f).join('; ') || '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {can('devices.manage') && (
        <form className="panel narrow-form" onSubmit={(e) => void add(e)}>
          <h2>Add a device</h2>
          <div className="field">
            <label htmlFor="device-tag">Asset tag</label>
            <input id="device-tag" name="assetTag" required maxLength={50} />
          </div>
          <div className="field">
            <label htmlFor="device-kind">Kind</label>
            <select id="device-kind" name="kind" defaultValue="laptop">
              {DEVICE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="encrypted" /> Encrypted
          </label>
          <div className="field">
            <label htmlFor="device-av">Anti-virus</label>
            <select id="device-av" name="antivirus" defaultValue="up_to_date">
              {ANTIVIRUS_STATUSES.map((a) => (
                <option key={a} value={a}>
                  {AV_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="device-checked">Anti-virus checked on</label>
            <input id="device-checked" name="checkedOn" type="date" />
          </div>
          <label className="checkbox">
            <input type="checkbox" name="offSite" /> Taken off site
          </label>
          <button type="submit">Add the device</button>
        </form>
      )}
    </section>
  );
}
