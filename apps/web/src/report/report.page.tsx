import { useState, type FormEvent } from 'react';
import type { ReportFields } from '../api/report-types';
import { useI18n } from '../i18n/i18n.context';
import { useAreas } from '../shared/reference-data';
import { MatterPicker, type PickedMatter } from './matter-picker.component';
import { ReportLocation, type PickedPoint } from './report-location.component';
import { ReportPhotos } from './report-photos.component';
import { ReportQueue } from './report-queue.component';
import { reportQueue, type QueuedPhoto } from './report-queue.store';
import { locatedCode, useLocate } from './use-locate.hook';
import { useReportQueue } from './use-report-queue.hook';

type Result =
  | { state: 'sent'; number: string }
  | { state: 'queued' }
  | { state: 'refused'; message: string; code: string }
  | { state: 'incomplete'; missing: string[] };

/** 7 decimals of a degree: about a centimetre, more than any phone knows. */
const round = (value: number) => Math.round(value * 1e7) / 1e7;

/**
 * The inspector's report (issue 9, docs/cases.md), made for a phone: where (the phone's position or a tap on
 * the map, located in the unit grids), what (a matter and its filing condition), a description and photos.
 * Every report goes through the outbox (report-queue.store.ts) with a key of its own, so one made without a
 * connection is kept and sent once it can be.
 */
export function ReportPage() {
  const { t } = useI18n();
  const unitGrids = useAreas('unit-grids', true).data;
  const [picked, setPicked] = useState<PickedPoint | null>(null);
  const located = useLocate(picked?.point ?? null, unitGrids);
  const [address, setAddress] = useState('');
  const [matter, setMatter] = useState<PickedMatter | null>(null);
  const [description, setDescription] = useState('');
  const [selfHandled, setSelfHandled] = useState(false);
  const [photos, setPhotos] = useState<QueuedPhoto[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const queue = useReportQueue();
  const areaClass = located.state === 'located' ? located.result.unitGrid.areaClass : null;

  function missing(): string[] {
    const gaps: string[] = [];
    if (!picked && !address.trim()) gaps.push(t('report.missing.where'));
    if (!matter) gaps.push(t('report.missing.matter'));
    else if (!matter.conditionKey) gaps.push(t('report.missing.condition'));
    if (!description.trim()) gaps.push(t('report.missing.description'));
    if (photos.length === 0) gaps.push(t('report.missing.photos'));
    return gaps;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const gaps = missing();
    if (gaps.length > 0 || !matter) return setResult({ state: 'incomplete', missing: gaps });
    setBusy(true);
    setResult(null);
    const fields: ReportFields = {
      matterKind: matter.matter.kind,
      matterCode: matter.matter.code,
      conditionKey: matter.conditionKey,
      description: description.trim(),
      ...(picked ? { lng: round(picked.point[0]), lat: round(picked.point[1]) } : {}),
      ...(address.trim() ? { address: address.trim() } : {}),
      ...(selfHandled ? { selfHandled: true } : {}),
    };
    const place = locatedCode(located) ?? (address.trim() || null);
    const summary = { matterZh: matter.matter.nameZh, matterEn: matter.matter.nameEn, place };
    const item = await reportQueue.submit(fields, photos, summary).finally(() => setBusy(false));
    if (item.state === 'failed') {
      // Refused at once: the form is kept to be put right, and the outbox does not keep it.
      void reportQueue.discard(item.key);
      const { message = '', code = '' } = item.lastError ?? {};
      return setResult({ state: 'refused', message, code });
    }
    setResult(item.state === 'sent' ? { state: 'sent', number: item.caseNumber ?? '' } : { state: 'queued' });
    setPicked(null);
    setAddress('');
    setMatter(null);
    setDescription('');
    setSelfHandled(false);
    setPhotos([]);
  }

  return (
    <main className="field-page report-page" data-testid="report-page" data-outbox-loaded={queue.loaded}>
      <form className="report-form" onSubmit={(event) => void submit(event)} noValidate>
        <h1>{t('report.title')}</h1>
        <ResultNotice result={result} />
        <ReportLocation
          picked={picked}
          located={located}
          unitGrids={unitGrids}
          onPick={(next) => {
            setPicked(next);
            setResult(null);
          }}
        />
        <label className="field">
          {t('report.address')}
          <input
            name="address"
            maxLength={200}
            value={address}
            placeholder={t('report.addressHint')}
            onChange={(event) => setAddress(event.target.value)}
          />
        </label>
        <MatterPicker value={matter} areaClass={areaClass} onChange={setMatter} />
        <label className="field">
          {t('report.description')}
          <textarea
            name="description"
            rows={3}
            maxLength={2000}
            value={description}
            placeholder={t('report.descriptionHint')}
            onChange={(event) => setDescription(event.target.value)}
          />
        </label>
        <ReportPhotos photos={photos} onChange={setPhotos} />
        <label className="check">
          <input
            type="checkbox"
            name="selfHandled"
            checked={selfHandled}
            onChange={(event) => setSelfHandled(event.target.checked)}
          />
          {t('report.selfHandled')}
        </label>
        <button type="submit" className="primary submit" disabled={busy} data-testid="report-submit">
          {busy ? t('report.sending') : t('report.submit')}
        </button>
      </form>
      <ReportQueue items={queue.items} />
    </main>
  );
}

function ResultNotice({ result }: { result: Result | null }) {
  const { t } = useI18n();
  if (!result) return null;
  const text =
    result.state === 'sent'
      ? t('report.sent', { number: result.number })
      : result.state === 'queued'
        ? t('report.queued')
        : result.state === 'refused'
          ? t('error.withCode', { message: result.message, code: result.code })
          : t('report.incomplete', { missing: result.missing.join(t('report.listSeparator')) });
  return (
    <p
      className={result.state === 'sent' || result.state === 'queued' ? 'notice' : 'error'}
      role={result.state === 'sent' || result.state === 'queued' ? 'status' : 'alert'}
      data-testid="report-result"
      data-state={result.state}
      data-number={result.state === 'sent' ? result.number : ''}
    >
      {text}
    </p>
  );
}
