import { useState } from 'react';
import { DataTable, ErrorMessage } from '../../components/DataTable';
import { longDate } from '../../lib/compliance';
import { useApi } from '../../lib/filtering';
import { usePageTitle } from '../../lib/forms';
import { useSession } from '../../lib/session';
import { ComplianceNav } from './ComplianceNav';
import { AV_LABELS, DeviceForm, type Device } from './DeviceForm';

const FLAG_LABELS: Record<string, string> = {
  unencrypted_off_site: 'Off site without encryption',
  antivirus: 'Anti-virus out of date or unchecked',
};

/** The school device inventory (policy 7.2, 7.4): devices off site without encryption are flagged. */
export function Devices() {
  usePageTitle('School devices');
  const { can } = useSession();
  const manage = can('devices.manage');
  const [retired, setRetired] = useState(false);
  const { data, error, reload } = useApi<{ devices: Device[] }>(
    `/api/devices?includeRetired=${retired ? 'true' : 'false'}`,
  );
  const staff = useApi<{ people: { id: string; name: string }[] }>(
    manage ? '/api/people?kind=staff&limit=200' : null,
  );
  const [editing, setEditing] = useState<string | null>(null);
  const current = data?.devices.filter((d) => !d.retiredAt) ?? [];
  const flagged = current.filter((d) => d.flags.length > 0);
  const unencrypted = current.filter((d) => d.flags.includes('unencrypted_off_site'));
  const edited = data?.devices.find((d) => d.id === editing);
  const close = () => {
    const id = editing;
    setEditing(null);
    // Back to the row's Edit button, so a keyboard user carries on where they were.
    if (id) setTimeout(() => document.getElementById(`edit-button-${id}`)?.focus(), 0);
  };
  return (
    <section>
      <h1>School devices</h1>
      <ComplianceNav />
      <ErrorMessage text={error || staff.error} />
      {data && (
        <p>
          {current.length} devices in use; {flagged.length} flagged, {unencrypted.length} of them off site
          without encryption.
        </p>
      )}
      <label className="checkbox">
        <input type="checkbox" checked={retired} onChange={(e) => setRetired(e.target.checked)} /> Show
        retired devices
      </label>
      {data && data.devices.length > 0 && (
        <DataTable
          label="Devices"
          caption="School devices"
          columns={[
            'Asset tag',
            'Kind',
            'Assigned to',
            'Encrypted',
            'Anti-virus',
            'Off site',
            'Flags',
            ...(manage ? [''] : []),
          ]}
        >
          {data.devices.map((d) => (
            <tr key={d.id}>
              <td>
                {d.assetTag}
                {d.retiredAt ? ' (retired)' : ''}
              </td>
              <td>{d.kind}</td>
              <td>{d.assignee ?? '—'}</td>
              <td>{d.encrypted ? 'Yes' : 'No'}</td>
              <td>
                {AV_LABELS[d.antivirusStatus] ?? d.antivirusStatus}
                {d.antivirusCheckedOn ? `, checked ${longDate(d.antivirusCheckedOn)}` : ''}
              </td>
              <td>
                {d.offSite ? `Yes${d.offSiteSince ? `, since ${longDate(d.offSiteSince)}` : ''}` : 'No'}
              </td>
              <td>
                {d.flags.length > 0 ? (
                  <strong>{d.flags.map((f) => FLAG_LABELS[f] ?? f).join('; ')}</strong>
                ) : (
                  '—'
                )}
              </td>
              {manage && (
                <td>
                  <button
                    type="button"
                    id={`edit-button-${d.id}`}
                    aria-label={`Edit ${d.assetTag}`}
                    aria-expanded={editing === d.id}
                    onClick={() => setEditing(d.id)}
                  >
                    Edit
                  </button>
                </td>
              )}
            </tr>
          ))}
        </DataTable>
      )}
      {manage && edited && (
        <DeviceForm
          key={edited.id}
          device={edited}
          staff={staff.data?.people ?? []}
          onSaved={reload}
          onClose={close}
        />
      )}
      {manage && <DeviceForm staff={staff.data?.people ?? []} onSaved={reload} />}
    </section>
  );
}
