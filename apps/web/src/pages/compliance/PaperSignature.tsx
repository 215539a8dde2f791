import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText } from '../../lib/filtering';
import { formText } from '../../lib/forms';

/**
 * Recording an agreement signed on paper, or (for a pupil too young to sign) discussed with a member of staff
 * (policy 5.3, 6.1). The signature is append-only, like one made in the app.
 */
export function PaperSignature(props: {
  versionId: string;
  title: string;
  people: { id: string; name: string; kind: string }[];
  onDone: () => Promise<void>;
}) {
  const [notice, setNotice] = useState('');
  const [problem, setProblem] = useState('');
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setNotice('');
    setProblem('');
    const f = new FormData(e.currentTarget);
    const personId = formText(f, 'person');
    const method = formText(f, 'method');
    try {
      await post('/api/aup/signatures', {
        personId,
        versionId: props.versionId,
        method,
        signedOn: formText(f, 'signedOn'),
        note: formText(f, 'note') || null,
      });
      const who = props.people.find((p) => p.id === personId)?.name ?? 'the person';
      setNotice(
        method === 'paper' ? `Paper signature recorded for ${who}.` : `Recorded that ${who} discussed it.`,
      );
      await props.onDone();
    } catch (err) {
      setProblem(errorText(err, 'Could not record the signature'));
    }
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)}>
      <h3>Record a paper signature or a discussion</h3>
      <p>For “{props.title}”.</p>
      <ErrorMessage text={problem} />
      <div aria-live="polite">{notice && <p className="ok">{notice}</p>}</div>
      <div className="field">
        <label htmlFor="paper-person">Person</label>
        <select id="paper-person" name="person" required defaultValue="">
          <option value="" disabled>
            Choose someone who has not signed
          </option>
          {props.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <fieldset className="inline-choices">
        <legend>How</legend>
        <label>
          <input type="radio" name="method" value="paper" required defaultChecked /> Signed on paper
        </label>
        <label>
          <input type="radio" name="method" value="discussed" required /> Discussed with a young pupil
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="paper-date">Date</label>
        <input id="paper-date" name="signedOn" type="date" required />
      </div>
      <div className="field">
        <label htmlFor="paper-note">Note</label>
        <input id="paper-note" name="note" maxLength={500} />
      </div>
      <button type="submit">Record it</button>
    </form>
  );
}
