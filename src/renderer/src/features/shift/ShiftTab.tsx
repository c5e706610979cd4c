import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DISPOSITIONS } from '../../../../shared/returns/qc-codes';
import type { ShiftFigures } from '../../../../shared/returns/supervision-views';
import { useFeature, useStores } from '../../app/stores-context';
import { ErrorText } from '../../ui/ErrorText';
import { SHIFT_WINDOWS } from './shift-store';
import './shift.css';

const seconds = (v: number | null): string => (v === null ? '—' : String(Math.round(v)));

/** The QC shift per clerk: parcels, items, dispositions, overrides, seconds per item, exceptions, undos. */
export function ShiftTab() {
  const { t } = useTranslation();
  const stores = useStores();
  const window = useFeature('shift', (s) => s.window);
  const team = useFeature('shift', (s) => s.team);
  const error = useFeature('shift', (s) => s.error);
  const isSupervisor = useFeature('session', (s) => s.user?.role === 'supervisor');

  useEffect(() => {
    if (!isSupervisor) return;
    void stores.shift.getState().load();
    const timer = setInterval(() => void stores.shift.getState().load(), 30_000);
    return () => clearInterval(timer);
  }, [stores, isSupervisor]);

  if (!isSupervisor) return <p className="empty">{t('shift.supervisorOnly')}</p>;

  const row = (name: string, f: ShiftFigures, key: string) => (
    <tr key={key} data-clerk={key}>
      <td className="cell-strong">{name}</td>
      <td className="num">{f.parcels}</td>
      <td className="num">{f.items}</td>
      {DISPOSITIONS.map((d) => (
        <td key={d} className="num">
          {f.dispositions[d] ?? 0}
        </td>
      ))}
      <td className="num">{f.overrides}</td>
      <td className="num">{f.pendingApprovals}</td>
      <td className="num">{f.exceptions}</td>
      <td className="num">{f.undos}</td>
      <td className="num">{seconds(f.secondsPerItem.median)}</td>
      <td className="num">{seconds(f.secondsPerItem.p90)}</td>
    </tr>
  );

  return (
    <div className="shift">
      <div className="chips" role="group" aria-label={t('shift.window')}>
        {SHIFT_WINDOWS.map((w) => (
          <button
            key={w}
            type="button"
            className="chip"
            aria-pressed={window === w}
            onClick={() => void stores.shift.getState().show(w)}
            data-window={w}
          >
            {t(`shift.windows.${w}`)}
          </button>
        ))}
      </div>
      {error && <ErrorText error={error} />}
      <table className="table table-compact" data-testid="shift-table">
        <thead>
          <tr>
            <th>{t('shift.clerk')}</th>
            <th className="num">{t('shift.parcels')}</th>
            <th className="num">{t('shift.items')}</th>
            {DISPOSITIONS.map((d) => (
              <th key={d} className="num">
                {t(`qc.disposition.${d}`)}
              </th>
            ))}
            <th className="num">{t('shift.overrides')}</th>
            <th className="num">{t('shift.pending')}</th>
            <th className="num">{t('shift.exceptions')}</th>
            <th className="num">{t('shift.undos')}</th>
            <th className="num">{t('shift.median')}</th>
            <th className="num">{t('shift.p90')}</th>
          </tr>
        </thead>
        <tbody>
          {team?.clerks.map((c) => row(c.clerk.name, c, c.clerk.id))}
          {team && row(t('shift.total'), team.total, 'total')}
        </tbody>
      </table>
      {team && team.clerks.length === 0 && <p className="empty">{t('shift.empty')}</p>}
    </div>
  );
}
