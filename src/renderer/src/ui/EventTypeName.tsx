import { useTranslation } from 'react-i18next';

/** An outbox event's type as a clerk reads it ("scan.recorded" → "Scan recorded"); a type without a message as is. */
export function EventTypeName({ type }: { type: string }) {
  const { t } = useTranslation();
  return <>{t(`eventType.${type.replace('.', '_')}`, { defaultValue: type })}</>;
}
