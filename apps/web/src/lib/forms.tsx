import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from './api';

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * The error state of a form: the API's validation details (zod paths and messages) shown beside each field
 * and in a summary that takes focus and is announced (role="alert").
 */
export function useFormErrors(idFor: (path: string) => string) {
  const [message, setMessage] = useState('');
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const [shown, setShown] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  // Once the summary is on screen, focus moves to it so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (shown) summaryRef.current?.focus();
  }, [shown]);
  const clear = useCallback(() => {
    setMessage('');
    setProblems([]);
  }, []);
  const show = useCallback((err: unknown, fallback = 'Something went wrong: please try again') => {
    if (err instanceof ApiError) {
      setMessage(err.message);
      const details = Array.isArray(err.details) ? err.details : [];
      setProblems(
        details
          .filter((d): d is FieldProblem => typeof d?.path === 'string' && typeof d?.message === 'string')
          .map((d) => ({ path: d.path, message: d.message })),
      );
    } else {
      setMessage(fallback);
      setProblems([]);
    }
    setShown((n) => n + 1);
  }, []);
  const fieldError = (path: string): string | undefined => problems.find((p) => p.path === path)?.message;
  const summary = message ? (
    <div className="error-summary" role="alert" tabIndex={-1} ref={summaryRef}>
      <h2>There is a problem</h2>
      <p>{message}</p>
      {problems.length > 0 && (
        <ul>
          {problems.map((p) => (
            <li key={`${p.path}:${p.message}`}>
              <a href={`#${idFor(p.path)}`}>
                {labelOf(p.path)}: {p.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  ) : null;
  return { show, clear, fieldError, summary, hasErrors: !!message };
}

/** "givenName" -> "Given name" for the summary's links. */
export function labelOf(path: string): string {
  if (!path) return 'Form';
  const words = path.replace(/([A-Z])/g, ' $1').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A labelled field with its hint and error wired up for assistive technology. */
export function Field(props: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  required?: boolean;
  children: (aria: {
    id: string;
    'aria-invalid'?: true;
    'aria-describedby'?: string;
    'aria-required'?: true;
  }) => ReactNode;
}) {
  const described = [props.hint ? `${props.id}-hint` : '', props.error ? `${props.id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.hint && (
        <small id={`${props.id}-hint`} className="hint">
          {props.hint}
        </small>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="field-error">
          {props.error}
        </p>
      )}
      {props.children({
        id: props.id,
        ...(props.error ? { 'aria-invalid': true as const } : {}),
        ...(described ? { 'aria-describedby': described } : {}),
        ...(props.required ? { 'aria-required': true as const } : {}),
      })}
    </div>
  );
}

/** Sets the document title for the page (each page has its own). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Harbour`;
  }, [title]);
}

/** A text field's value from a submitted form ('' when absent). */
export function formText(form: FormData, name: string): string {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
}

/** A ref that takes focus when its element first appears (a form opened from a button, so keyboard users land on it). */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
