import { DataTable } from '../../components/DataTable';
import { ApiError, post } from '../../lib/api';
import { longDate } from '../../lib/compliance';
import { formText } from '../../lib/forms';
import { useRun } from '../../lib/useRun';

export interface TrainingRecord {
  id: string;
  personId: string;
  name: string;
  course: string;
  completedOn: string;
  expiresOn: string | null;
  provider: string | null;
  certificateId: string | null;
}

/** What the server takes (apps/server/src/modules/training/schema.ts): a PDF, PNG or JPEG of at most 2 MB. */
const CERTIFICATE_TYPES = ['application/pdf', 'image/png', 'image/jpeg'];
const CERTIFICATE_MAX_BYTES = 2 * 1024 * 1024;

/** The file's bytes as base64, in pieces (a 2 MB file is too long for one String.fromCharCode call). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function upload(form: FormData): Promise<unknown> {
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    throw new ApiError(400, 'validation', 'Choose the certificate file');
  if (!CERTIFICATE_TYPES.includes(file.type))
    throw new ApiError(400, 'validation', 'A certificate must be a PDF, PNG or JPEG file');
  if (file.size > CERTIFICATE_MAX_BYTES)
    throw new ApiError(400, 'validation', 'A certificate can be at most 2 MB');
  return post(`/api/training/records/${encodeURIComponent(formText(form, 'record'))}/certificate`, {
    filename: file.name.replace(/[/\\\r\n"]/g, '_').slice(0, 200),
    contentType: file.type,
    dataBase64: await base64Of(file),
  });
}

/**
 * Training records with their certificates (policy 6.3). A member of staff sees their own; those who keep the
 * training records see everyone's and upload certificates.
 */
export function TrainingRecords(props: {
  records: TrainingRecord[];
  canUpload: boolean;
  onSaved: () => Promise<void>;
}) {
  const { onSubmit, messages } = useRun(props.onSaved);
  return (
    <>
      <h2>Training records and certificates</h2>
      <p>
        A certificate can be opened only by the member of staff it belongs to and by those who keep the
        training records.
      </p>
      {props.records.length === 0 ? (
        <p>No training recorded yet.</p>
      ) : (
        <DataTable
          label="Training records"
          caption="Training records and certificates"
          columns={['Name', 'Course', 'Completed', 'Expires', 'Certificate']}
        >
          {props.records.map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>
                {r.course}
                {r.provider ? ` (${r.provider})` : ''}
              </td>
              <td>{longDate(r.completedOn)}</td>
              <td>{longDate(r.expiresOn)}</td>
              <td>
                {r.certificateId ? (
                  <a href={`/api/training/certificates/${encodeURIComponent(r.certificateId)}`} download>
                    Download<span className="visually-hidden"> the certificate of {r.name}</span>
                  </a>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {props.canUpload && props.records.length > 0 && (
        <form className="panel narrow-form" onSubmit={onSubmit(upload, 'Certificate uploaded.')}>
          <h2>Upload a certificate</h2>
          {messages}
          <div className="field">
            <label htmlFor="cert-record">Record to attach it to</label>
            <select id="cert-record" name="record" required defaultValue="">
              <option value="" disabled>
                Choose a record
              </option>
              {props.records.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}: {r.course}, {longDate(r.completedOn)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="cert-file">Certificate file</label>
            <small id="cert-file-hint" className="hint">
              A PDF, PNG or JPEG of at most 2 MB.
            </small>
            <input
              id="cert-file"
              name="file"
              type="file"
              required
              accept="application/pdf,image/png,image/jpeg"
              aria-describedby="cert-file-hint"
            />
          </div>
          <button type="submit">Upload the certificate</button>
        </form>
      )}
    </>
  );
}
