import { useEffect, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { useFeature, useStores } from '../../app/stores-context';
import { Kbd } from '../../ui/Kbd';
import { ApprovalsTab } from '../approvals/ApprovalsTab';
import { BatchesTab } from '../batches/BatchesTab';
import { CutoffsTab } from '../cutoffs/CutoffsTab';
import { ImportsTab } from '../imports/ImportsTab';
import { DecisionsTab } from '../decisions/DecisionsTab';
import { ExceptionsTab } from '../exceptions/ExceptionsTab';
import { RulesTab } from '../rules/RulesTab';
import { ShiftTab } from '../shift/ShiftTab';
import { SUPERVISOR_TABS, type SupervisorTab } from './supervisor-store';
import './supervisor.css';

const TABS: Record<SupervisorTab, ComponentType> = {
  approvals: ApprovalsTab,
  batches: BatchesTab,
  rules: RulesTab,
  shift: ShiftTab,
  decisions: DecisionsTab,
  exceptions: ExceptionsTab,
  cutoffs: CutoffsTab,
  imports: ImportsTab,
};

/** The supervisor's side of return QC, one tab per job; PageUp / PageDown switch tabs. */
export function SupervisorScreen() {
  const { t } = useTranslation();
  const stores = useStores();
  const tab = useFeature('supervisor', (s) => s.tab);
  const show = useFeature('supervisor', (s) => s.show);
  const user = useFeature('session', (s) => s.user);
  const Current = TABS[tab];

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || stores.session.getState().dialogOpen) return;
      if (e.code !== 'PageUp' && e.code !== 'PageDown') return;
      e.preventDefault();
      stores.supervisor.getState().step(e.code === 'PageDown' ? 1 : -1);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [stores]);

  return (
    <div className="supervisor-screen">
      <div className="screen-head">
        <h1 className="screen-title">{t('supervisor.title')}</h1>
        <span className="supervisor-who" data-testid="supervisor-who">
          {user?.role === 'supervisor'
            ? t('supervisor.asYourself', { name: user.name })
            : t('supervisor.atClerkScreen')}
        </span>
      </div>
      <div className="tabs" role="tablist" aria-label={t('supervisor.title')}>
        {SUPERVISOR_TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            className="tab"
            aria-selected={id === tab}
            onClick={() => show(id)}
            data-tab={id}
          >
            {t(`supervisor.tabs.${id}`)}
          </button>
        ))}
        <span className="tabs-hint">
          <Kbd>PgUp</Kbd> <Kbd>PgDn</Kbd>
        </span>
      </div>
      <div role="tabpanel" className="tab-panel">
        <Current />
      </div>
    </div>
  );
}
