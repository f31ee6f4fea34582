import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { downscalePhoto, jpegName } from '../shared/photo-downscale';
import type { QueuedPhoto } from './report-queue.store';

/** The server takes up to 9 photos per report (docs/cases.md). */
export const MAX_PHOTOS = 9;

interface Props {
  photos: readonly QueuedPhoto[];
  onChange(photos: QueuedPhoto[]): void;
}

function Preview({ photo, onRemove }: { photo: QueuedPhoto; onRemove(): void }) {
  const { t } = useI18n();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(photo.blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [photo.blob]);
  return (
    <div className="thumbnail" data-testid="report-photo" data-size={photo.blob.size}>
      {url ? <img src={url} alt={photo.name} /> : <span className="placeholder" />}
      <button type="button" className="remove" onClick={onRemove} aria-label={t('report.removePhoto')}>
        ×
      </button>
    </div>
  );
}

/**
 * Photos from the camera or the gallery, made into JPEGs of at most 1600 px in the browser as soon as they are
 * picked: what is queued and sent is the small one.
 */
export function ReportPhotos({ photos, onChange }: Props) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function add(files: File[]) {
    setBusy(true);
    setProblem(null);
    const added: QueuedPhoto[] = [];
    for (const file of files.slice(0, MAX_PHOTOS - photos.length)) {
      try {
        added.push({ name: jpegName(file.name), blob: await downscalePhoto(file) });
      } catch {
        setProblem(t('report.photoUnreadable', { name: file.name }));
      }
    }
    onChange([...photos, ...added]);
    setBusy(false);
  }

  return (
    <section className="report-section" aria-labelledby="report-photos">
      <div className="section-head">
        <h2 id="report-photos">{t('report.photos', { count: photos.length, max: MAX_PHOTOS })}</h2>
        <label className={`button${photos.length >= MAX_PHOTOS || busy ? ' disabled' : ''}`}>
          {busy ? t('report.photoBusy') : t('report.addPhoto')}
          <input
            type="file"
            name="photos"
            accept="image/*"
            multiple
            className="visually-hidden"
            disabled={photos.length >= MAX_PHOTOS || busy}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = '';
              if (files.length) void add(files);
            }}
          />
        </label>
      </div>
      <ErrorNotice error={problem} />
      <div className="photos" data-testid="report-photos" data-count={photos.length} data-busy={busy}>
        {photos.length === 0 && <p className="muted">{t('report.photosHint')}</p>}
        {photos.map((photo, i) => (
          <Preview
            key={`${i}:${photo.name}:${photo.blob.size}`}
            photo={photo}
            onRemove={() => onChange(photos.filter((_, j) => j !== i))}
          />
        ))}
      </div>
    </section>
  );
}
