export interface FieldProps {
  readonly name: string;
  readonly label: string;
  readonly type?: 'text' | 'password' | 'email' | 'number' | 'search';
  readonly value?: string;
  /** The problem with the value just sent, shown under the input and tied to it for screen readers. */
  readonly error?: string;
  readonly autocomplete?: string;
  readonly required?: boolean;
  readonly maxlength?: number;
}

/** A labelled input with its error message; the input's id is its name. */
export const Field = ({ name, label, type = 'text', value, error, autocomplete, required, maxlength }: FieldProps) => (
  <div class="field">
    <label for={name}>{label}</label>
    <input
      id={name}
      name={name}
      type={type}
      value={value}
      autocomplete={autocomplete}
      required={required}
      maxlength={maxlength}
      autocapitalize={type === 'text' ? 'none' : undefined}
      spellcheck={type === 'text' ? false : undefined}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={error ? `${name}-error` : undefined}
    />
    {error && (
      <p class="field__error" id={`${name}-error`}>
        {error}
      </p>
    )}
  </div>
);
