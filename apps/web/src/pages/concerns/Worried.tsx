import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../components/DataTable';
import { post } from '../../lib/api';
import { errorText } from '../../lib/filtering';
import { formText, usePageTitle } from '../../lib/forms';
import './concerns.css';

/**
 * "I'm worried about something" (policy 1.3.5, 6.1): a pupil tells a trusted adult in their own words. It makes a
 * concern for the DSL team; the pupil sees nothing back but a thank-you.
 */
export function Worried() {
  usePageTitle('I’m worried about something');
  const [sent, setSent] = useState('');
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setProblem('');
    if (!formText(f, 'message').trim()) {
      setProblem('Please write what is worrying you first.');
      return;
    }
    setBusy(true);
    try {
      const res = await post<{ message: string }>('/api/worries', {
        message: formText(f, 'message'),
        about: formText(f, 'about') || 'me',
      });
      setSent(res.message);
    } catch (err) {
      setProblem(errorText(err, 'That did not send. Please try again, or tell a grown-up at school.'));
    } finally {
      setBusy(false);
    }
  };
  if (sent)
    return (
      <section className="worried">
        <h1>Thank you for telling us</h1>
        <p role="status" className="ok">
          {sent}
        </p>
        <p>You did the right thing. You can always talk to your teacher or any grown-up at school too.</p>
        <button type="button" onClick={() => setSent('')}>
          Tell us something else
        </button>
      </section>
    );
  return (
    <section className="worried">
      <h1>I’m worried about something</h1>
      <p>You can tell us here. A grown-up who keeps children safe at school will read it and talk to you.</p>
      <form onSubmit={(e) => void submit(e)}>
        <fieldset className="inline-choices">
          <legend>Who is it about?</legend>
          <label>
            <input type="radio" name="about" value="me" defaultChecked /> Me
          </label>
          <label>
            <input type="radio" name="about" value="friend" /> A friend
          </label>
          <label>
            <input type="radio" name="about" value="someone_else" /> Someone else
          </label>
        </fieldset>
        <div className="field">
          <label htmlFor="worry-message">What is worrying you?</label>
          <small className="hint" id="worry-hint">
            Use your own words. It is fine to write just a little.
          </small>
          <textarea
            id="worry-message"
            name="message"
            rows={6}
            maxLength={5000}
            aria-describedby="worry-hint"
          />
        </div>
        <ErrorMessage text={problem} />
        <button type="submit" disabled={busy}>
          Send to a grown-up
        </button>
      </form>
      <p className="hint">
        If you are in danger right now, tell a grown-up straight away. You can also call ChildLine free on
        0800 1111.
      </p>
    </section>
  );
}
