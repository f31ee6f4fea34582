import { useState } from 'react';
import { api } from '../api/api-client';
import type { CatalogueVersion, MatterDetail } from '../api/admin-types';
import type { Page } from '../api/api-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { useFetch } from '../shared/use-fetch.hook';
import { SearchField } from './search-field.component';

/** The catalogue's versions and a search of its matters with their filing conditions (docs/catalogue-and-time.md). */
export function CatalogueTab() {
  const { t, tr, locale, dateTime } = useI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [open, setOpen] = useState<{ kind: string; code: string } | null>(null);
  const versions = useFetch('catalogue:versions', () =>
    api.get<CatalogueVersion[]>('/api/v1/catalogue/versions'),
  );
  const matters = useFetch(`catalogue:matters:${q}:${kind}`, () =>
    api.get<Page<MatterDetail>>('/api/v1/catalogue/matters', { q: q.trim(), kind, limit: 50 }),
  );
  const matter = useFetch(open ? `catalogue:matter:${open.kind}:${open.code}` : null, () =>
    api.get<MatterDetail>(`/api/v1/catalogue/matters/${open!.kind}/${open!.code}`),
  );
  const nameOf = (m: MatterDetail) => (locale === 'en' ? m.nameEn : m.nameZh);

  return (
    <section className="admin-section" data-testid="admin-catalogue">
      <header className="admin-toolbar">
        <h2>{t('admin.tab.catalogue')}</h2>
        <SearchField
          value={q}
          onChange={setQ}
          placeholder={t('admin.catalogue.searchHint')}
          testId="matter-search"
        />
        <label>
          {t('admin.catalogue.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('app.all')}</option>
            <option value="component">{t('admin.catalogue.kind.component')}</option>
            <option value="event">{t('admin.catalogue.kind.event')}</option>
          </select>
        </label>
      </header>
      <ErrorNotice error={versions.error ?? matters.error ?? matter.error} />
      <div className="admin-columns">
        <div className="admin-column">
          <div className="table-scroll">
            <table data-testid="matters" data-rows={matters.data?.items.length ?? 0}>
              <thead>
                <tr>
                  <th>{t('admin.grids.code')}</th>
                  <th>{t('admin.catalogue.kind')}</th>
                  <th>{t('reports.name')}</th>
                  <th>{t('admin.catalogue.family')}</th>
                </tr>
              </thead>
              <tbody>
                {matters.data?.items.map((m) => (
                  <tr
                    key={`${m.kind}:${m.code}`}
                    data-testid="matter-row"
                    aria-selected={open?.kind === m.kind && open.code === m.code}
                    tabIndex={0}
                    onClick={() => setOpen({ kind: m.kind, code: m.code })}
                    onKeyDown={(e) => e.key === 'Enter' && setOpen({ kind: m.kind, code: m.code })}
                  >
                    <td className="code">{m.code}</td>
                    <td>{tr('admin.catalogue.kind', m.kind)}</td>
                    <td>
                      {nameOf(m)}
                      {m.local && <span className="tag">{t('admin.catalogue.local')}</span>}
                    </td>
                    <td>{tr('family', m.family)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {matters.data?.nextCursor && <p className="more">{t('admin.catalogue.more')}</p>}
          </div>
        </div>
        <div className="admin-column">
          {matter.data ? (
            <article className="matter" data-testid="matter-detail">
              <h3>
                {matter.data.code} {nameOf(matter.data)}
              </h3>
              <p className="muted">
                {tr('family', matter.data.family)}
                {matter.data.legacyCode2013 && ` · GB/T 30428.2-2013 ${matter.data.legacyCode2013}`}
              </p>
              {matter.data.filingConditions?.map((condition) => (
                <div key={condition.key} className="filing-condition">
                  <h4>
                    {condition.key}. {locale === 'en' ? condition.filingEn : condition.filingZh}
                    {condition.urgent && <span className="tag urgent">{t('case.flag.urgent')}</span>}
                  </h4>
                  <p>
                    {t('admin.catalogue.closing')}:{' '}
                    {locale === 'en' ? condition.closingEn : condition.closingZh}
                  </p>
                  <p className="muted">
                    {(['A', 'B', 'C'] as const)
                      .map(
                        (c) => `${c} ${condition.limits[c].amount} ${tr('unit', condition.limits[c].unit)}`,
                      )
                      .join(' · ')}
                    {' · '}
                    {condition.isDefault ? t('admin.catalogue.default') : condition.source}
                  </p>
                </div>
              ))}
            </article>
          ) : (
            <p className="muted">{t('admin.catalogue.pick')}</p>
          )}
          <h3>{t('admin.catalogue.versions')}</h3>
          <div className="table-scroll">
            <table data-testid="catalogue-versions">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>{t('admin.catalogue.label')}</th>
                  <th>{t('admin.catalogue.created')}</th>
                </tr>
              </thead>
              <tbody>
                {versions.data?.map((version) => (
                  <tr key={version.id}>
                    <td className="num">{version.id}</td>
                    <td>
                      {version.label}
                      {version.current && <span className="tag">{t('admin.catalogue.current')}</span>}
                      {version.note && <div className="muted">{version.note}</div>}
                    </td>
                    <td>{dateTime(version.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      </div>
    </section>
  );
}
