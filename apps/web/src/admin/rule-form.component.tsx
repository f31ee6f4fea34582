import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import { FAMILIES, type NewRoutingRule, type RoutingRule } from '../api/admin-types';
import type { Department } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { DepartmentSelect } from '../shared/department-select.component';
import { ErrorNotice } from '../shared/error-notice.component';

interface Props {
  departments: readonly Department[];
  onSaved(rule: RoutingRule): void;
  onCancel(): void;
}

/** A new routing rule (`POST /api/v1/routing-rules`); criteria left empty match anything. */
export function RuleForm({ departments, onSaved, onCancel }: Props) {
  const { t, tr } = useI18n();
  const [rule, setRule] = useState({
    name: '',
    matterKind: '',
    matterCode: '',
    majorCode: '',
    family: '',
    areaCode: '',
    windowStart: '',
    windowEnd: '',
    departmentId: '',
    autoDispatch: false,
    position: '',
  });
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const set = (change: Partial<typeof rule>) => setRule({ ...rule, ...change });
  const orNull = (value: string) => value.trim() || null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const body: NewRoutingRule & { position?: number } = {
      name: rule.name.trim(),
      matterKind: orNull(rule.matterKind),
      matterCode: orNull(rule.matterCode),
      majorCode: orNull(rule.majorCode),
      family: orNull(rule.family),
      areaCode: orNull(rule.areaCode),
      windowStart: orNull(rule.windowStart),
      windowEnd: orNull(rule.windowEnd),
      departmentId: rule.departmentId,
      autoDispatch: rule.autoDispatch,
      enabled: true,
      ...(rule.position ? { position: Number(rule.position) } : {}),
    };
    try {
      onSaved(await api.post<RoutingRule>('/api/v1/routing-rules', body));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="admin-form" data-testid="rule-form" onSubmit={(e) => void submit(e)}>
      <h3>{t('admin.rules.new')}</h3>
      <div className="fields">
        <label>
          {t('reports.name')}
          <input
            name="name"
            required
            maxLength={100}
            value={rule.name}
            onChange={(e) => set({ name: e.target.value })}
          />
        </label>
        <label>
          {t('admin.catalogue.kind')}
          <select
            name="matterKind"
            value={rule.matterKind}
            onChange={(e) => set({ matterKind: e.target.value })}
          >
            <option value="">{t('admin.rules.any')}</option>
            <option value="component">{t('admin.catalogue.kind.component')}</option>
            <option value="event">{t('admin.catalogue.kind.event')}</option>
          </select>
        </label>
        <label>
          {t('admin.rules.matterCode')}
          <input
            name="matterCode"
            inputMode="numeric"
            size={6}
            value={rule.matterCode}
            placeholder="06010"
            onChange={(e) => set({ matterCode: e.target.value })}
          />
        </label>
        <label>
          {t('admin.rules.majorCode')}
          <input
            name="majorCode"
            inputMode="numeric"
            size={3}
            value={rule.majorCode}
            placeholder="06"
            onChange={(e) => set({ majorCode: e.target.value })}
          />
        </label>
        <label>
          {t('admin.catalogue.family')}
          <select name="family" value={rule.family} onChange={(e) => set({ family: e.target.value })}>
            <option value="">{t('admin.rules.any')}</option>
            {FAMILIES.map((family) => (
              <option key={family} value={family}>
                {tr('family', family)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.rules.area')}
          <input
            name="areaCode"
            value={rule.areaCode}
            placeholder="330191001"
            onChange={(e) => set({ areaCode: e.target.value })}
          />
        </label>
        <label>
          {t('admin.rules.windowStart')}
          <input
            type="time"
            value={rule.windowStart}
            onChange={(e) => set({ windowStart: e.target.value })}
          />
        </label>
        <label>
          {t('admin.rules.windowEnd')}
          <input type="time" value={rule.windowEnd} onChange={(e) => set({ windowEnd: e.target.value })} />
        </label>
        <DepartmentSelect
          departments={departments}
          value={rule.departmentId}
          onChange={(departmentId) => set({ departmentId })}
        />
        <label>
          {t('admin.rules.position')}
          <input
            type="number"
            min={1}
            size={4}
            value={rule.position}
            placeholder={t('admin.rules.atEnd')}
            onChange={(e) => set({ position: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={rule.autoDispatch}
            onChange={(e) => set({ autoDispatch: e.target.checked })}
          />
          {t('admin.rules.autoDispatch')}
        </label>
      </div>
      <ErrorNotice error={failure} />
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('form.busy') : t('admin.rules.create')}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
