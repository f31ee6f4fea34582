import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import type { CalendarDay, CalendarStatus } from '../api/admin-types';
import { useI18n } from '../i18n/i18n.context';
import { cityToday } from '../reports/report-query';
import { ErrorNotice } from '../shared/error-notice.component';
import { useFetch } from '../shared/use-fetch.hook';
import { StepLimits } from './step-limits.component';

/**
 * The working calendar (docs/catalogue-and-time.md): working periods and known years, a year's holidays and
 * make-up days with the city's overrides, and the step limits.
 */
export function CalendarTab() {
  const { t, tr } = useI18n();
  const [year, setYear] = useState(() => Number(cityToday().slice(0, 4)));
  const status = useFetch('calendar:status', () => api.get<CalendarStatus>('/api/v1/calendar'));
  const days = useFetch(`calendar:days:${year}`, () =>
    api.get<CalendarDay[]>('/api/v1/calendar/days', { from: `${year}-01-01`, to: `${year}-12-31` }),
  );
  const [date, setDate] = useState('');
  const [kind, setKind] = useState<'holiday' | 'workday'>('holiday');
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<unknown>(null);

  async function write(method: 'PUT' | 'DELETE', path: string, body?: unknown) {
    setFailure(null);
    try {
      await api.write(method, path, body);
      days.reload();
      status.reload();
    } catch (error) {
      setFailure(error);
    }
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (date) void write('PUT', `/api/v1/calendar/days/${date}`, { kind, note: note.trim() });
  };

  const known = status.data?.knownYears.includes(year);
  return (
    <section className="admin-section" data-testid="admin-calendar">
      <header className="admin-toolbar">
        <h2>{t('admin.tab.calendar')}</h2>
        {status.data && (
          <span className="muted">
            {t('admin.calendar.periods', {
              periods: status.data.periods.map((p) => `${p.start}–${p.end}`).join(', '),
              zone: status.data.timeZone,
            })}
          </span>
        )}
      </header>
      {status.data?.warning && (
        <p className="warning" role="status">
          {status.data.warning}
        </p>
      )}
      <ErrorNotice error={status.error ?? days.error ?? failure} />
      <div className="admin-columns">
        <div className="admin-column">
          <div className="year-picker">
            <button type="button" onClick={() => setYear(year - 1)} aria-label={t('admin.calendar.previous')}>
              ‹
            </button>
            <strong data-testid="calendar-year">{year}</strong>
            <button type="button" onClick={() => setYear(year + 1)} aria-label={t('admin.calendar.next')}>
              ›
            </button>
            <span className="muted">{known ? t('admin.calendar.known') : t('admin.calendar.unknown')}</span>
            {status.data && !known && (
              <button
                type="button"
                onClick={() => void write('PUT', `/api/v1/calendar/years/${year}`, { known: true })}
              >
                {t('admin.calendar.markKnown')}
              </button>
            )}
          </div>
          <div className="table-scroll">
            <table data-testid="calendar-days" data-rows={days.data?.length ?? 0}>
              <thead>
                <tr>
                  <th>{t('admin.calendar.date')}</th>
                  <th>{t('admin.calendar.kind')}</th>
                  <th>{t('admin.calendar.note')}</th>
                  <th>{t('admin.calendar.source')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {days.data?.map((day) => (
                  <tr key={day.date} className={`day-${day.kind}`}>
                    <td className="code">{day.date}</td>
                    <td>{tr('admin.calendar.kind', day.kind)}</td>
                    <td>{day.note}</td>
                    <td>{tr('admin.calendar.source', day.source)}</td>
                    <td>
                      {day.source === 'override' && (
                        <button
                          type="button"
                          className="quiet"
                          onClick={() => void write('DELETE', `/api/v1/calendar/days/${day.date}`)}
                        >
                          {t('admin.remove')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <form className="admin-form" onSubmit={submit}>
            <h3>{t('admin.calendar.override')}</h3>
            <div className="fields">
              <label>
                {t('admin.calendar.date')}
                <input type="date" required value={date} onChange={(e) => setDate(e.target.value)} />
              </label>
              <label>
                {t('admin.calendar.kind')}
                <select value={kind} onChange={(e) => setKind(e.target.value as 'holiday' | 'workday')}>
                  <option value="holiday">{t('admin.calendar.kind.holiday')}</option>
                  <option value="workday">{t('admin.calendar.kind.workday')}</option>
                </select>
              </label>
              <label>
                {t('admin.calendar.note')}
                <input value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
              </label>
            </div>
            <div className="buttons">
              <button type="submit" className="primary" disabled={!date}>
                {t('admin.save')}
              </button>
            </div>
          </form>
        </div>
        <StepLimits />
      </div>
    </section>
  );
}
