import { useState } from 'react';
import type { Area } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { ReportMap } from './report-map.component';
import { locatedCode, type Located } from './use-locate.hook';

export interface PickedPoint {
  point: [number, number];
  source: 'phone' | 'map';
  /** Metres, from the phone's position. */
  accuracy?: number;
}

interface Props {
  picked: PickedPoint | null;
  located: Located;
  unitGrids: readonly Area[] | undefined;
  onPick(picked: PickedPoint): void;
}

type GeoProblem = 'denied' | 'unavailable' | 'unsupported' | null;

/** The place of the problem: the phone's position (navigator.geolocation, WGS-84) or a tap on the map. */
export function ReportLocation({ picked, located, unitGrids, onPick }: Props) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<GeoProblem>(null);

  function askPhonePosition() {
    if (!('geolocation' in navigator)) return setProblem('unsupported');
    setAsking(true);
    setProblem(null);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setAsking(false);
        onPick({
          point: [position.coords.longitude, position.coords.latitude],
          source: 'phone',
          accuracy: Math.round(position.coords.accuracy),
        });
      },
      (error) => {
        setAsking(false);
        setProblem(error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable');
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 },
    );
  }

  return (
    <section className="report-section" aria-labelledby="report-where">
      <div className="section-head">
        <h2 id="report-where">{t('report.where')}</h2>
        <button type="button" data-testid="use-position" disabled={asking} onClick={askPhonePosition}>
          {asking ? t('report.locating') : t('report.usePosition')}
        </button>
      </div>
      <ErrorNotice error={problem && t(`report.geo.${problem}`)} />
      <ReportMap
        unitGrids={unitGrids}
        point={picked?.point ?? null}
        locatedCode={locatedCode(located)}
        onPick={(point) => onPick({ point, source: 'map' })}
      />
      <LocatedText picked={picked} located={located} />
    </section>
  );
}

function LocatedText({ picked, located }: { picked: PickedPoint | null; located: Located }) {
  const { t } = useI18n();
  if (!picked) return <p className="muted">{t('report.map.hint')}</p>;
  const [lng, lat] = picked.point;
  const code = locatedCode(located);
  return (
    <div
      className="located"
      data-testid="located"
      data-state={located.state}
      data-lng={lng}
      data-lat={lat}
      data-unit-grid={code ?? ''}
    >
      {located.state === 'located' ? (
        <p>
          <strong>{t('report.unitGrid', { code: located.result.unitGrid.code })}</strong>{' '}
          <span className="muted">
            {[
              located.result.street.name,
              located.result.community.name,
              located.result.responsibilityGrid?.name,
            ]
              .filter(Boolean)
              .join(' · ')}{' '}
            · {t('report.areaClass', { areaClass: located.result.unitGrid.areaClass })}
          </span>
        </p>
      ) : located.state === 'outside' ? (
        <p className="notice">{t('report.outside')}</p>
      ) : located.state === 'offline' ? (
        <p className="notice">{code ? t('report.offlineGrid', { code }) : t('report.offlineNoGrid')}</p>
      ) : (
        <p className="muted">{t('report.locatingGrid')}</p>
      )}
      <p className="coordinates muted">
        {t(picked.source === 'phone' ? 'report.fromPhone' : 'report.fromMap')} {lat.toFixed(6)},{' '}
        {lng.toFixed(6)}
        {picked.accuracy !== undefined && ` ±${picked.accuracy} m`}
      </p>
    </div>
  );
}
