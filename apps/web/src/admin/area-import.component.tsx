import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import { AREA_LAYERS, type AreaImport as Import, type AreaLayer } from '../api/admin-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';

/** How often a running import is asked for its progress. */
const POLL_MS = 1000;

/**
 * Uploads a GeoJSON FeatureCollection to one layer (`POST /api/v1/areas/{layer}/import`), then follows the
 * import until it is done and shows its check report: every problem by feature when it is rejected.
 */
export function AreaImport({ onDone }: { onDone(): void }) {
  const { t, tr } = useI18n();
  const [layer, setLayer] = useState<AreaLayer>('unit-grids');
  const [crs, setCrs] = useState('WGS84');
  const [tolerance, setTolerance] = useState('10');
  const [file, setFile] = useState<File | null>(null);
  const [job, setJob] = useState<Import | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const follow = (id: string) => {
    timer.current = window.setTimeout(async () => {
      try {
        const next = await api.get<Import>(`/api/v1/area-imports/${id}`);
        setJob(next);
        if (next.status === 'running') follow(id);
        else if (next.status === 'succeeded') onDone();
      } catch (error) {
        setFailure(error);
      }
    }, POLL_MS);
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) return;
    setFailure(null);
    setJob(null);
    try {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error(t('admin.import.notJson'));
      }
      const params = new URLSearchParams({ crs, tolerance });
      const started = await api.post<Import>(`/api/v1/areas/${layer}/import?${params}`, body);
      setJob(started);
      follow(started.id);
    } catch (error) {
      setFailure(error);
    }
  }

  const running = job?.status === 'running';
  return (
    <form className="admin-form admin-column" data-testid="area-import" onSubmit={(e) => void submit(e)}>
      <h3>{t('admin.import.title')}</h3>
      <p className="muted">{t('admin.import.hint')}</p>
      <div className="fields">
        <label>
          {t('admin.import.layer')}
          <select value={layer} onChange={(e) => setLayer(e.target.value as AreaLayer)}>
            {AREA_LAYERS.map((name) => (
              <option key={name} value={name}>
                {tr('layer', name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.import.crs')}
          <select value={crs} onChange={(e) => setCrs(e.target.value)}>
            <option value="WGS84">WGS-84</option>
            <option value="GCJ02">GCJ-02</option>
            <option value="BD09">BD-09</option>
          </select>
        </label>
        <label>
          {t('admin.import.tolerance')}
          <input
            type="number"
            min={0}
            step="any"
            value={tolerance}
            onChange={(e) => setTolerance(e.target.value)}
          />
        </label>
        <label>
          {t('admin.import.file')}
          <input
            type="file"
            accept=".json,.geojson,application/json,application/geo+json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
      </div>
      <div className="buttons">
        <button type="submit" className="primary" disabled={!file || running}>
          {running ? t('admin.import.running') : t('admin.import.start')}
        </button>
      </div>
      <ErrorNotice error={failure} />
      {job && (
        <div className="import-report" data-testid="import-report" data-status={job.status}>
          <p>
            <strong>{tr('admin.import.status', job.status)}</strong>{' '}
            {t('admin.import.progress', {
              phase: tr('admin.import.phase', job.phase),
              processed: job.processed,
              total: job.total,
              created: job.created,
              updated: job.updated,
            })}
          </p>
          {job.message && <p className="error">{job.message}</p>}
          {job.problems.length > 0 && (
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th>{t('admin.import.field')}</th>
                    <th>{t('admin.import.reason')}</th>
                    <th>{t('admin.import.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {job.problems.map((problem, i) => (
                    <tr key={i}>
                      <td className="code">
                        {problem.field}
                        {problem.code ? ` (${problem.code})` : ''}
                      </td>
                      <td className="code">{problem.reason}</td>
                      <td className="wrap">{problem.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
    </form>
  );
}
