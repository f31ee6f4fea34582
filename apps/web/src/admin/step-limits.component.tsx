import { useEffect, useState } from 'react';
import { api } from '../api/api-client';
import { CONFIGURED_STEPS, TIME_UNITS, type ConfiguredStep } from '../api/admin-types';
import type { TimeLimit } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { useFetch } from '../shared/use-fetch.hook';

/** The limit of every step but handling (`GET/PUT /api/v1/calendar/step-limits/{step}`). */
export function StepLimits() {
  const { t, tr } = useI18n();
  const limits = useFetch('calendar:step-limits', () =>
    api.get<Record<ConfiguredStep, TimeLimit>>('/api/v1/calendar/step-limits'),
  );
  const [draft, setDraft] = useState<Partial<Record<ConfiguredStep, TimeLimit>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState<ConfiguredStep | null>(null);
  useEffect(() => setDraft(limits.data ?? {}), [limits.data]);

  async function save(step: ConfiguredStep) {
    const limit = draft[step];
    if (!limit) return;
    setFailure(null);
    try {
      await api.write('PUT', `/api/v1/calendar/step-limits/${step}`, {
        amount: Number(limit.amount),
        unit: limit.unit,
      });
      setSaved(step);
      limits.reload();
    } catch (error) {
      setFailure(error);
    }
  }

  return (
    <div className="admin-column">
      <h3>{t('admin.calendar.stepLimits')}</h3>
      <p className="muted">{t('admin.calendar.stepLimitsHint')}</p>
      <ErrorNotice error={limits.error ?? failure} />
      <table data-testid="step-limits">
        <tbody>
          {CONFIGURED_STEPS.map((step) => {
            const limit = draft[step];
            const changed =
              limit &&
              limits.data &&
              (limit.amount !== limits.data[step].amount || limit.unit !== limits.data[step].unit);
            return (
              <tr key={step}>
                <td className="step">{tr('step', step)}</td>
                <td>
                  <input
                    type="number"
                    min={0.01}
                    max={1000}
                    step="any"
                    size={5}
                    aria-label={t('admin.calendar.amount')}
                    value={limit?.amount ?? ''}
                    onChange={(e) =>
                      limit && setDraft({ ...draft, [step]: { ...limit, amount: Number(e.target.value) } })
                    }
                  />
                </td>
                <td>
                  <select
                    aria-label={t('admin.calendar.unit')}
                    value={limit?.unit ?? ''}
                    onChange={(e) =>
                      limit && setDraft({ ...draft, [step]: { ...limit, unit: e.target.value } })
                    }
                  >
                    {TIME_UNITS.map((unit) => (
                      <option key={unit} value={unit}>
                        {tr('unit', unit)}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button type="button" disabled={!changed} onClick={() => void save(step)}>
                    {t('admin.save')}
                  </button>
                  {saved === step && !changed && <span className="muted"> ✓</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
