import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';

/**
 * At a clerk's screen, a supervisor authorizes one action with their id and PIN (the core checks
 * them and audits a refusal). A signed-in supervisor sees nothing here: they act as themselves.
 */
export function StepUpFields() {
  const { t } = useTranslation();
  const user = useFeature('session', (s) => s.user);
  const stepUp = useFeature('supervisor', (s) => s.stepUp);
  const supervisors = useFeature('supervisor', (s) => s.supervisors);
  const setStepUp = useFeature('supervisor', (s) => s.setStepUp);
  const loadSupervisors = useFeature('supervisor', (s) => s.loadSupervisors);
  const needed = user?.role !== 'supervisor';

  useEffect(() => {
    if (needed) void loadSupervisors();
  }, [needed, loadSupervisors]);

  if (!needed) return null;
  return (
    <fieldset className="step-up" data-testid="step-up">
      <legend>{t('supervisor.stepUp.title')}</legend>
      <label className="field">
        <span className="field-label">{t('supervisor.stepUp.who')}</span>
        <select
          className="input"
          value={stepUp.userId}
          onChange={(e) => setStepUp({ userId: e.target.value })}
          data-testid="step-up-user"
        >
          {supervisors.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('supervisor.stepUp.pin')}</span>
        <input
          className="input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          value={stepUp.pin}
          onChange={(e) => setStepUp({ pin: e.target.value })}
          data-testid="step-up-pin"
        />
      </label>
    </fieldset>
  );
}
