import { useMemo, useState } from 'react';
import { api } from '../api/api-client';
import { AREA_LAYERS, type AreaLayer, type AreaRow } from '../api/admin-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { useFetch } from '../shared/use-fetch.hook';
import { AreaImport } from './area-import.component';
import { SearchField } from './search-field.component';

const MAX_ROWS = 300;

/** Every layer of the city model with its count, one layer's areas, and a GeoJSON import (docs/city-model.md). */
export function GridsTab() {
  const { t, tr } = useI18n();
  const [layer, setLayer] = useState<AreaLayer>('streets');
  const [q, setQ] = useState('');
  const layers = useFetch('areas:all', async () => {
    const lists = await Promise.all(AREA_LAYERS.map((name) => api.all<AreaRow>(`/api/v1/areas/${name}`)));
    return new Map(AREA_LAYERS.map((name, i) => [name, lists[i]]));
  });
  const areas = layers.data?.get(layer) ?? [];
  const shown = useMemo(() => {
    const text = q.trim().toLowerCase();
    return text ? areas.filter((a) => a.code.includes(text) || a.name.toLowerCase().includes(text)) : areas;
  }, [areas, q]);

  return (
    <section className="admin-section" data-testid="admin-grids">
      <header className="admin-toolbar">
        <h2>{t('admin.tab.grids')}</h2>
      </header>
      <div className="layer-counts" data-testid="layer-counts" data-loaded={Boolean(layers.data)}>
        {AREA_LAYERS.map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`layer-${name}`}
            aria-pressed={name === layer}
            onClick={() => setLayer(name)}
          >
            <span>{tr('layer', name)}</span>
            <strong>{layers.data?.get(name)?.length ?? '…'}</strong>
          </button>
        ))}
      </div>
      <ErrorNotice error={layers.error} />
      <div className="admin-columns">
        <div className="admin-column">
          <SearchField className="search" value={q} onChange={setQ} />
          <div className="table-scroll">
            <table data-testid="areas">
              <thead>
                <tr>
                  <th>{t('admin.grids.code')}</th>
                  <th>{t('reports.name')}</th>
                  <th>{t('admin.grids.parent')}</th>
                  {layer === 'unit-grids' && <th>{t('admin.grids.class')}</th>}
                  <th className="num">{t('admin.grids.area')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.slice(0, MAX_ROWS).map((area) => (
                  <tr key={area.code}>
                    <td className="code">{area.code}</td>
                    <td>{area.name}</td>
                    <td className="code">{area.parentCode ?? t('app.none')}</td>
                    {layer === 'unit-grids' && <td>{area.areaClass ?? t('app.none')}</td>}
                    <td className="num">{(area.areaM2 / 10_000).toFixed(2)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {shown.length > MAX_ROWS && (
              <p className="more">{t('admin.more', { count: shown.length - MAX_ROWS })}</p>
            )}
          </div>
        </div>
        <AreaImport onDone={layers.reload} />
      </div>
    </section>
  );
}
