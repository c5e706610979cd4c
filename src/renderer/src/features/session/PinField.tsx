import { forwardRef } from 'react';
import { PIN_MAX_LENGTH } from '../../../../shared/pin-rules';

/**
 * A PIN input that only ever holds digits: a badge scanned into it (letters, dash) leaves no trace
 * of its letters, and what a person types by mistake is not half a PIN.
 */
export const PinField = forwardRef<
  HTMLInputElement,
  { label: string; value: string; onChange: (pin: string) => void; name: string; autoFocus?: boolean }
>(function PinField({ label, value, onChange, name, autoFocus }, ref) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <input
        ref={ref}
        name={name}
        className="input pin-input"
        type="password"
        inputMode="numeric"
        autoComplete="off"
        maxLength={PIN_MAX_LENGTH}
        autoFocus={autoFocus}
        value={value}
        onChange={(e) => onChange(e.target.value.replace(/\D/g, ''))}
      />
    </label>
  );
});
