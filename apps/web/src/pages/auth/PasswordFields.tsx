import { Field, formText } from '../../lib/forms';
import { passwordHint, type PasswordRule } from '../../lib/session';

/** "New password" and "Confirm", with the rule in words (policy 7.2) and the server's message beside it. */
export function PasswordFields(props: {
  rule: PasswordRule;
  error?: string | undefined;
  confirmError?: string | undefined;
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? ''}new-password`;
  return (
    <>
      <Field id={id} label="New password" hint={passwordHint(props.rule)} error={props.error} required>
        {(aria) => (
          <input {...aria} name="newPassword" type="password" autoComplete="new-password" maxLength={200} />
        )}
      </Field>
      <Field id={`${id}-confirm`} label="Type the new password again" error={props.confirmError} required>
        {(aria) => <input {...aria} name="confirmPassword" type="password" autoComplete="new-password" />}
      </Field>
    </>
  );
}

/** The two typed passwords, or a message when they differ. */
export function readNewPassword(form: FormData): { password: string; mismatch: boolean } {
  const password = formText(form, 'newPassword');
  const confirm = formText(form, 'confirmPassword');
  return { password, mismatch: password !== confirm };
}
