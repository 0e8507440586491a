import type {ButtonHTMLAttributes} from 'react';

/** A button in a row of labelled fields, lined up with their inputs rather than their labels. */
export function FieldButton(props: ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <div className="field">
      <span>&nbsp;</span>
      <button {...props} />
    </div>
  );
}
