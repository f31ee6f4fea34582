import { useState, type FormEvent } from 'react';
import { api } from '../api/api-client';
import type { CaseDetail, Department } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { DepartmentSelect } from '../shared/department-select.component';
import { downscaleFiles } from '../shared/photo-downscale';
import { EXTENSION_UNITS, needsOf } from './case-action-rules';

interface Props {
  detail: CaseDetail;
  action: string;
  departments: readonly Department[];
  onStart(): void;
  onDone(detail: CaseDetail): void;
  onCancel(): void;
  onError(error: unknown): void;
}

/**
 * The fields one action needs, sent with the case's version (docs/cases.md): JSON, or multipart/form-data
 * when photos go with it (downscaled in the browser first).
 */
export function CaseActionForm({ detail, action, departments, onStart, onDone, onCancel, onError }: Props) {
  const { t, tr } = useI18n();
  const needs = needsOf(action);
  const [opinion, setOpinion] = useState('');
  const [departmentId, setDepartmentId] = useState(detail.routedDepartmentId ?? '');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState(
    EXTENSION_UNITS.includes(detail.handleLimit.unit) ? detail.handleLimit.unit : 'WORK_DAY',
  );
  const [photos, setPhotos] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const label = tr('action', action);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    onStart();
    const fields: Record<string, string | number> = { version: detail.version };
    if (opinion.trim()) fields.opinion = opinion.trim();
    if (needs.department) fields.departmentId = departmentId;
    if (needs.extension && amount) {
      fields.extensionAmount = Number(amount);
      fields.extensionUnit = unit;
    }
    const path = `/api/v1/cases/${detail.id}/actions/${action}`;
    try {
      let answer: CaseDetail;
      if (photos.length > 0) {
        const form = new FormData();
        Object.entries(fields).forEach(([name, value]) => form.append(name, String(value)));
        // At most 1600 px JPEG, made on the phone: what the server keeps anyway, at a fraction of the upload.
        (await downscaleFiles(photos)).forEach((photo) => form.append('photos', photo, photo.name));
        answer = await api.postForm<CaseDetail>(path, form);
      } else {
        answer = await api.post<CaseDetail>(path, fields);
      }
      onDone(answer);
    } catch (error) {
      onError(error);
      setBusy(false);
    }
  }

  const suggested = detail.routedDepartmentId;
  const ordered = [...departments].sort(
    (a, b) => Number(b.id === suggested) - Number(a.id === suggested) || a.code.localeCompare(b.code),
  );

  return (
    <form
      className="action-form"
      onSubmit={(event) => void submit(event)}
      data-testid="action-form"
      data-action={action}
    >
      <h4>{label}</h4>
      {needs.department && (
        <DepartmentSelect
          departments={ordered}
          value={departmentId}
          onChange={setDepartmentId}
          suggestedId={suggested}
        />
      )}
      {needs.extension && (
        <fieldset className="extension">
          <legend>{t(needs.extension === 'required' ? 'form.extension' : 'form.extensionAsked')}</legend>
          <input
            name="extensionAmount"
            type="number"
            min="0.01"
            max="1000"
            step="0.01"
            required={needs.extension === 'required'}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
          <select name="extensionUnit" value={unit} onChange={(event) => setUnit(event.target.value)}>
            {EXTENSION_UNITS.map((value) => (
              <option key={value} value={value}>
                {tr('unit', value)}
              </option>
            ))}
          </select>
        </fieldset>
      )}
      <label>
        {t(needs.reason ? 'form.reason' : 'form.opinion')}
        <textarea
          name="opinion"
          rows={3}
          maxLength={2000}
          required={needs.reason}
          value={opinion}
          onChange={(event) => setOpinion(event.target.value)}
        />
      </label>
      {needs.photos && (
        <label>
          {t('form.photosRequired')}
          <input
            name="photos"
            type="file"
            accept="image/*"
            multiple
            required
            onChange={(event) => setPhotos(Array.from(event.target.files ?? []).slice(0, 9))}
          />
        </label>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy} data-testid="action-submit">
          {busy ? t('form.busy') : t('form.submit', { action: label })}
        </button>
        <button type="button" className="quiet" onClick={onCancel} disabled={busy}>
          {t('app.cancel')}
        </button>
      </div>
    </form>
  );
}
