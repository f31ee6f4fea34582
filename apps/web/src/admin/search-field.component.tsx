import { useI18n } from '../i18n/i18n.context';

interface Props {
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  testId?: string;
  className?: string;
}

/** The "Search" box of an admin tab, searching as the admin types. */
export function SearchField({ value, onChange, placeholder, testId, className }: Props) {
  const { t } = useI18n();
  return (
    <label className={className}>
      {t('admin.search')}
      <input
        type="search"
        data-testid={testId}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}
