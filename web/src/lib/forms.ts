/**
 * Forms validated in the browser with the same valibot schemas the API uses, then submitted;
 * field errors (ours or the server's) land beside their fields, anything else above the button.
 */
import { createSignal } from 'solid-js';
import * as v from 'valibot';
import { codeOfIssue } from '../../../schema/inputs/issues.ts';
import { describeError, describeIssue, type FieldErrors, fieldErrorsOf } from './errors.ts';

export function validateInput<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
): { output: v.InferOutput<S>; errors?: undefined } | { output?: undefined; errors: FieldErrors } {
  const result = v.safeParse(schema, input);
  if (result.success) return { output: result.output };
  const errors: FieldErrors = {};
  for (const issue of result.issues) {
    const path = v.getDotPath(issue) ?? '';
    errors[path] ??= describeIssue(codeOfIssue(issue));
  }
  return { errors };
}

/** Plain string fields of a form (checkbox groups come back as arrays). */
export function formValues(form: HTMLFormElement): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  const data = new FormData(form);
  for (const key of new Set(data.keys())) {
    const all = data.getAll(key).map(String);
    values[key] =
      all.length > 1 || form.querySelector(`[name="${key}"][type=checkbox]`) ? all : (all[0] ?? '');
  }
  return values;
}

/** A form's state: validate with `schema`, run `action`, keep errors and the busy flag. */
export function createForm<S extends v.GenericSchema>(
  schema: S,
  action: (input: v.InferOutput<S>) => Promise<unknown>,
) {
  const [errors, setErrors] = createSignal<FieldErrors>({});
  const [formError, setFormError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(input: unknown): Promise<boolean> {
    setFormError(null);
    const checked = validateInput(schema, input);
    if (checked.errors) {
      setErrors(checked.errors);
      return false;
    }
    setErrors({});
    setBusy(true);
    try {
      await action(checked.output);
      return true;
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setFormError(describeError(err));
      return false;
    } finally {
      setBusy(false);
    }
  }

  return {
    errors,
    formError,
    busy,
    submit,
    /** For `<form onSubmit>`: reads the fields by name and submits them. */
    onSubmit: (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
      event.preventDefault();
      return submit(formValues(event.currentTarget));
    },
    error: (field: string) => errors()[field],
  };
}
