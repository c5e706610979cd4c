import { useTranslation } from 'react-i18next';
import { useFeature } from '../../app/stores-context';

/** Says, until dismissed, that this screen's sign-in ended without anyone signing out here. */
export function SessionNotice() {
  const { t } = useTranslation();
  const notice = useFeature('session', (s) => s.notice);
  const operator = useFeature('session', (s) => s.user?.name ?? '');
  const dismiss = useFeature('session', (s) => s.dismissNotice);
  if (!notice) return null;
  const text =
    notice.kind === 'idle_signed_out'
      ? t('notice.idle', { name: notice.name, idleMinutes: notice.idleMinutes, operator })
      : t('notice.restarted', { name: notice.name, operator });
  return (
    <div className="session-notice" role="status" data-testid="session-notice" data-kind={notice.kind}>
      <p>{text}</p>
      <button type="button" className="btn" onClick={dismiss}>
        {t('notice.ok')}
      </button>
    </div>
  );
}
