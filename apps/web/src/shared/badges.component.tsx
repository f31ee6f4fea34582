import type { CaseStatus, Light } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';

export function LightDot({ light }: { light: Light | null | undefined }) {
  const { tr } = useI18n();
  if (!light) return null;
  return (
    <span
      className={`light-dot light-${light}`}
      role="img"
      aria-label={tr('light', light)}
      title={tr('light', light)}
    />
  );
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { tr } = useI18n();
  return <span className={`status status-${status}`}>{tr('status', status)}</span>;
}
