import { Field } from '../../lib/forms';

/** The fields every filtering change request has: title, why, and the risk assessment from two views. */
export function RequestFields(props: {
  idPrefix: string;
  fieldError: (path: string) => string | undefined;
  educationalHint: string;
  technicalHint: string;
}) {
  const { idPrefix: p, fieldError } = props;
  return (
    <>
      <Field id={`${p}-title`} label="Title" required error={fieldError('title')}>
        {(a) => <input {...a} name="title" maxLength={200} />}
      </Field>
      <Field id={`${p}-reason`} label="Why" required error={fieldError('reason')}>
        {(a) => <textarea {...a} name="reason" rows={3} maxLength={4000} />}
      </Field>
      <Field
        id={`${p}-risk-edu`}
        label="Risk assessment: educational view"
        hint={props.educationalHint}
        required
        error={fieldError('riskEducational')}
      >
        {(a) => <textarea {...a} name="riskEducational" rows={3} maxLength={4000} />}
      </Field>
      <Field
        id={`${p}-risk-tech`}
        label="Risk assessment: technical view"
        hint={props.technicalHint}
        required
        error={fieldError('riskTechnical')}
      >
        {(a) => <textarea {...a} name="riskTechnical" rows={3} maxLength={4000} />}
      </Field>
    </>
  );
}

/** Where each field of a change request's form is, for the error summary's links. */
export const requestFieldIds = (p: string): Record<string, string> => ({
  title: `${p}-title`,
  reason: `${p}-reason`,
  riskEducational: `${p}-risk-edu`,
  riskTechnical: `${p}-risk-tech`,
});
