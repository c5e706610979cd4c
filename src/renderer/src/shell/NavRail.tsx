import { useTranslation } from 'react-i18next';
import { useFeature } from '../app/stores-context';
import { Kbd } from '../ui/Kbd';
import { SCREENS, hotkeyLabel } from './screens';

export function NavRail() {
  const { t } = useTranslation();
  const screen = useFeature('shell', (s) => s.screen);
  const show = useFeature('shell', (s) => s.show);
  return (
    <nav className="shell-nav" aria-label={t('app.screens')}>
      {SCREENS.map((s, i) => (
        <button
          key={s}
          type="button"
          className="nav-button"
          aria-current={s === screen ? 'page' : undefined}
          aria-keyshortcuts={`${hotkeyLabel(s)} Alt+${i + 1}`}
          onClick={() => show(s)}
          data-screen={s}
        >
          <Kbd>{hotkeyLabel(s)}</Kbd>
          <span>{t(`nav.${s}`)}</span>
        </button>
      ))}
    </nav>
  );
}
