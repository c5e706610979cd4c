import { useTranslation } from 'react-i18next';

/**
 * The "why?" step before an action that history must explain (a reprint, a discarded event):
 * one reason field that takes the focus, Esc or Cancel backs out, Enter confirms once the reason
 * is acceptable. Whether a reason is acceptable is the feature's rule, passed in as `valid`.
 */
export function ReasonForm(props: {
  className: string;
  label: string;
  confirmLabel: string;
  reason: string;
  maxLength: number;
  valid: boolean;
  busy: boolean;
  danger?: boolean;
  small?: boolean;
  onReason: (reason: string) => void;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const size = props.small ? ' btn-small' : '';
  return (
    <form
      className={props.className}
      onSubmit={(e) => {
        e.preventDefault();
        props.onConfirm();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <label className="field">
        <span className="field-label">{props.label}</span>
        <input
          className="input"
          autoFocus
          maxLength={props.maxLength}
          value={props.reason}
          onChange={(e) => props.onReason(e.target.value)}
        />
      </label>
      <div className="row-actions">
        <button type="button" className={`btn${size}`} onClick={props.onCancel}>
          {t('app.cancel')}
        </button>
        <button
          type="submit"
          className={`btn${size} ${props.danger ? 'btn-danger' : 'btn-primary'}`}
          disabled={props.busy || !props.valid}
        >
          {props.confirmLabel}
        </button>
      </div>
    </form>
  );
}
