import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from "react";

interface FieldShellProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (ids: { inputId: string; describedBy: string | undefined }) => ReactNode;
  className?: string;
}

function FieldShell({ label, hint, error, children, className }: FieldShellProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint !== undefined ? hintId : "", error !== undefined ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error !== undefined ? " field-invalid" : ""}${className !== undefined ? ` ${className}` : ""}`}>
      <label htmlFor={inputId}>{label}</label>
      {children({ inputId, describedBy })}
      {hint !== undefined ? (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      ) : null}
      {error !== undefined ? (
        <div id={errorId} className="field-error">
          {error}
        </div>
      ) : null}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  fieldClassName?: string;
};

export function TextField({ label, hint, error, fieldClassName, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={fieldClassName}>
      {({ inputId, describedBy }) => <input id={inputId} aria-describedby={describedBy} aria-invalid={error !== undefined} className="input" {...input} />}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  options: ReadonlyArray<{ value: string; label: string }>;
  fieldClassName?: string;
};

export function SelectField({ label, hint, error, options, fieldClassName, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error} className={fieldClassName}>
      {({ inputId, describedBy }) => (
        <select id={inputId} aria-describedby={describedBy} aria-invalid={error !== undefined} className="input" {...select}>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "type"> & { label: string; hint?: ReactNode };

export function CheckboxField({ label, hint, ...input }: CheckboxFieldProps) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} type="checkbox" aria-describedby={hint !== undefined ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint !== undefined ? (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      ) : null}
    </div>
  );
}
