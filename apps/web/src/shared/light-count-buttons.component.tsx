import { LIGHTS, type Light } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';

interface Props {
  className: string;
  /** Cases with each light. */
  count(light: Light): number;
  /** The light the cases are filtered by, if any. */
  selected: Light | null | undefined;
  /** A click filters by the light, a second click on the same light clears the filter (null). */
  onSelect(light: Light | null): void;
  /** Each button's test id is the prefix and the light. */
  testIdPrefix: string;
}

/** Cases by light, one button per light, that filter by it. */
export function LightCountButtons({ className, count, selected, onSelect, testIdPrefix }: Props) {
  const { t, tr } = useI18n();
  return (
    <div className={className} role="group" aria-label={t('board.byLight')}>
      {LIGHTS.map((light) => (
        <button
          key={light}
          type="button"
          className={`light-count light-${light}`}
          aria-pressed={selected === light}
          data-testid={`${testIdPrefix}-${light}`}
          onClick={() => onSelect(selected === light ? null : light)}
        >
          <strong>{count(light)}</strong>
          <span>{tr('light', light)}</span>
        </button>
      ))}
    </div>
  );
}
