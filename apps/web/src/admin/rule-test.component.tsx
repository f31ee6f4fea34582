import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import type { RoutingTestResult } from '../api/admin-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';

/** The city's UTC offset (Asia/Shanghai has no daylight saving time): a time typed here is city time. */
const CITY_OFFSET = '+08:00';

/** Which rule a sample case matches, and why every rule tried did or did not (`POST /routing-rules/test`). */
export function RuleTest() {
  const { t } = useI18n();
  const [matterKind, setMatterKind] = useState('event');
  const [matterCode, setMatterCode] = useState('06010');
  const [unitGridCode, setUnitGridCode] = useState('330191001001001');
  const [at, setAt] = useState('');
  const [result, setResult] = useState<RoutingTestResult | null>(null);
  const [failure, setFailure] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    try {
      setResult(
        await api.post<RoutingTestResult>('/api/v1/routing-rules/test', {
          matterKind,
          matterCode: matterCode.trim(),
          unitGridCode: unitGridCode.trim(),
          ...(at ? { at: `${at}:00${CITY_OFFSET}` } : {}),
        }),
      );
    } catch (error) {
      setResult(null);
      setFailure(error);
    }
  }

  return (
    <form className="admin-form" data-testid="rule-test" onSubmit={(e) => void submit(e)}>
      <h3>{t('admin.rules.test')}</h3>
      <div className="fields">
        <label>
          {t('admin.catalogue.kind')}
          <select value={matterKind} onChange={(e) => setMatterKind(e.target.value)}>
            <option value="component">{t('admin.catalogue.kind.component')}</option>
            <option value="event">{t('admin.catalogue.kind.event')}</option>
          </select>
        </label>
        <label>
          {t('admin.rules.matterCode')}
          <input
            name="matterCode"
            required
            size={6}
            value={matterCode}
            onChange={(e) => setMatterCode(e.target.value)}
          />
        </label>
        <label>
          {t('admin.rules.unitGrid')}
          <input
            name="unitGridCode"
            required
            size={16}
            value={unitGridCode}
            onChange={(e) => setUnitGridCode(e.target.value)}
          />
        </label>
        <label>
          {t('admin.rules.at')}
          <input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
        </label>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" data-testid="rule-test-submit">
          {t('admin.rules.runTest')}
        </button>
      </div>
      <ErrorNotice error={failure} />
      {result && (
        <div className="test-result" data-testid="rule-test-result" data-rule={result.rule?.id ?? ''}>
          <p>
            {result.rule
              ? t('admin.rules.matched', {
                  rule: result.rule.name,
                  department: result.department?.name ?? result.rule.departmentId,
                })
              : t('admin.rules.noMatch')}
            {result.autoDispatch && <span className="tag">{t('admin.rules.autoDispatch')}</span>}
          </p>
          <ol className="trace">
            {result.trace.map((verdict) => (
              <li key={verdict.ruleId} className={verdict.matched ? 'matched' : 'missed'}>
                <span aria-hidden="true">{verdict.matched ? '✓' : '✗'}</span> <strong>{verdict.name}</strong>{' '}
                <span className="muted">{verdict.reasons.join('; ')}</span>
              </li>
            ))}
          </ol>
        </div>
      )}
    </form>
  );
}
