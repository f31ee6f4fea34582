import type { Department } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';

interface Props {
  departments: readonly Department[];
  value: string;
  onChange(departmentId: string): void;
  /** The routing rules' suggestion, marked as such. */
  suggestedId?: string | null;
}

/** A form's required department field (`departmentId`), starting with "choose a department". */
export function DepartmentSelect({ departments, value, onChange, suggestedId }: Props) {
  const { t } = useI18n();
  return (
    <label>
      {t('form.department')}
      <select name="departmentId" required value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('form.chooseDepartment')}</option>
        {departments.map((department) => (
          <option key={department.id} value={department.id}>
            {department.id === suggestedId ? t('form.suggested', { name: department.name }) : department.name}
          </option>
        ))}
      </select>
    </label>
  );
}
