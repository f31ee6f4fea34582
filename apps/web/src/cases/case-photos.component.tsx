import { useEffect, useState } from 'react';
import { api } from '../api/api-client';
import type { CasePhoto } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';

/** A photo fetched with the bearer token and shown from a blob URL (docs/cases.md: no plain <img src>). */
function useBlobUrl(path: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!path) return;
    let live = true;
    let made: string | null = null;
    api.blob(path).then(
      (blob) => {
        if (!live) return;
        made = URL.createObjectURL(blob);
        setUrl(made);
      },
      () => undefined,
    );
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [path]);
  return url;
}

function Thumbnail({ photo, onOpen }: { photo: CasePhoto; onOpen(): void }) {
  const { tr, dateTime } = useI18n();
  const url = useBlobUrl(photo.thumbnailUrl);
  const label = `${tr('stage', photo.stage)} · ${dateTime(photo.createdAt)}`;
  return (
    <button type="button" className="thumbnail" onClick={onOpen} title={label} data-testid="photo">
      {url ? <img src={url} alt={label} /> : <span className="placeholder" />}
      <span className="stage">{tr('stage', photo.stage)}</span>
    </button>
  );
}

function Lightbox({ photo, onClose }: { photo: CasePhoto; onClose(): void }) {
  const { t } = useI18n();
  const url = useBlobUrl(photo.url);
  return (
    <div className="lightbox" role="dialog" aria-modal="true" onClick={onClose}>
      {url && <img src={url} alt="" />}
      <button type="button" className="quiet" onClick={onClose}>
        {t('app.close')}
      </button>
    </div>
  );
}

export function CasePhotos({ photos }: { photos: readonly CasePhoto[] }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<CasePhoto | null>(null);
  if (photos.length === 0) return <p className="muted">{t('case.noPhotos')}</p>;
  return (
    <div className="photos">
      {photos.map((photo) => (
        <Thumbnail key={photo.id} photo={photo} onOpen={() => setOpen(photo)} />
      ))}
      {open && <Lightbox photo={open} onClose={() => setOpen(null)} />}
    </div>
  );
}
