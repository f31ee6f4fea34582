import { useMemo, useState } from 'react';
import { api } from '../api/api-client';
import type { RoutingRule } from '../api/admin-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { useDepartments } from '../shared/reference-data';
import { useFetch } from '../shared/use-fetch.hook';
import { RuleForm } from './rule-form.component';
import { RuleTest } from './rule-test.component';

/**
 * Routing rules in the order they are tried, first match wins (docs/catalogue-and-time.md): move, enable and
 * disable, delete, add, and test a sample case against them.
 */
export function RulesTab() {
  const { t, tr } = useI18n();
  const rules = useFetch('routing-rules', () => api.get<RoutingRule[]>('/api/v1/routing-rules'));
  const departments = useDepartments().data ?? [];
  const departmentNames = useMemo(() => new Map(departments.map((d) => [d.id, d.name])), [departments]);
  const [adding, setAdding] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function run(write: () => Promise<unknown>) {
    setBusy(true);
    setFailure(null);
    try {
      await write();
      rules.reload();
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const list = rules.data ?? [];
  const move = (index: number, by: -1 | 1) => {
    const ids = list.map((rule) => rule.id);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    void run(() => api.write('PUT', '/api/v1/routing-rules/order', { ids }));
  };
  const criteria = (rule: RoutingRule): string => {
    const parts = [
      rule.matterCode && `${tr('admin.catalogue.kind', rule.matterKind ?? '')} ${rule.matterCode}`,
      !rule.matterCode && rule.majorCode && `${t('admin.rules.majorCode')} ${rule.majorCode}`,
      !rule.matterCode && !rule.majorCode && rule.matterKind && tr('admin.catalogue.kind', rule.matterKind),
      rule.family && tr('family', rule.family),
      rule.areaCode,
      rule.windowStart && `${rule.windowStart}–${rule.windowEnd}`,
    ].filter(Boolean);
    return parts.length ? parts.join(' · ') : t('admin.rules.any');
  };

  return (
    <section className="admin-section" data-testid="admin-rules">
      <header className="admin-toolbar">
        <h2>{t('admin.tab.rules')}</h2>
        <span className="muted">{t('admin.rules.hint')}</span>
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('admin.rules.new')}
        </button>
      </header>
      {adding && (
        <RuleForm
          departments={departments}
          onCancel={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            rules.reload();
          }}
        />
      )}
      <ErrorNotice error={rules.error ?? failure} />
      <div className="admin-columns">
        <div className="admin-column wide">
          <div className="table-scroll">
            <table data-testid="rules" data-rows={list.length}>
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t('reports.name')}</th>
                  <th>{t('admin.rules.criteria')}</th>
                  <th>{t('form.department')}</th>
                  <th>{t('admin.rules.autoDispatch')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {list.map((rule, index) => (
                  <tr
                    key={rule.id}
                    data-testid="rule-row"
                    data-id={rule.id}
                    data-enabled={rule.enabled}
                    className={rule.enabled ? undefined : 'disabled'}
                  >
                    <td className="num">{rule.position}</td>
                    <td>{rule.name}</td>
                    <td>{criteria(rule)}</td>
                    <td>{departmentNames.get(rule.departmentId) ?? rule.departmentId}</td>
                    <td>{rule.autoDispatch ? '✓' : ''}</td>
                    <td className="row-actions">
                      <button
                        type="button"
                        className="quiet"
                        disabled={busy || index === 0}
                        aria-label={t('admin.rules.up')}
                        onClick={() => move(index, -1)}
                      >
                        ↑
                      </button>
                      <button
                        type="button"
                        className="quiet"
                        disabled={busy || index === list.length - 1}
                        aria-label={t('admin.rules.down')}
                        onClick={() => move(index, 1)}
                      >
                        ↓
                      </button>
                      <button
                        type="button"
                        className="quiet"
                        disabled={busy}
                        onClick={() =>
                          void run(() =>
                            api.write('PATCH', `/api/v1/routing-rules/${rule.id}`, {
                              enabled: !rule.enabled,
                            }),
                          )
                        }
                      >
                        {rule.enabled ? t('admin.rules.disable') : t('admin.rules.enable')}
                      </button>
                      <button
                        type="button"
                        className="cautious"
                        disabled={busy}
                        onClick={() =>
                          window.confirm(t('admin.rules.confirmDelete', { name: rule.name })) &&
                          void run(() => api.write('DELETE', `/api/v1/routing-rules/${rule.id}`))
                        }
                      >
                        {t('admin.remove')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
        <div className="admin-column">
          <RuleTest />
        </div>
      </div>
    </section>
  );
}
