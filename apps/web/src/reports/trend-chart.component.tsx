import { useMemo } from 'react';
import type { EvaluationDetail, ObjectType } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import { ErrorNotice } from '../shared/error-notice.component';
import { EChart } from './echart.component';
import { axisStyle, CHART_COLOURS, type ChartOption } from './echarts-setup';
import { columnsOf } from './report-columns';

interface Props {
  type: ObjectType;
  detail: EvaluationDetail | undefined;
  loading: boolean;
  error: unknown;
}

/** One object's days: its main rates as lines (per cent) and its main count as bars. */
export function TrendChart({ type, detail, loading, error }: Props) {
  const { t, tr } = useI18n();
  const { rates, counts } = columnsOf(type);
  // Areas and departments: what closed each day; posts: their first count.
  const count = counts.includes('closed') ? 'closed' : counts[0];
  const option = useMemo<ChartOption | null>(() => {
    if (!detail) return null;
    const days = detail.series.map((day) => day.day.slice(5));
    return {
      legend: { top: 0, textStyle: { color: CHART_COLOURS.muted } },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: days, ...axisStyle },
      yAxis: [
        {
          type: 'value',
          min: 0,
          max: 100,
          ...axisStyle,
          axisLabel: { color: CHART_COLOURS.muted, formatter: '{value}%' },
        },
        { type: 'value', minInterval: 1, ...axisStyle, splitLine: { show: false } },
      ],
      series: [
        {
          type: 'bar',
          name: tr('counter', count),
          yAxisIndex: 1,
          barMaxWidth: 14,
          itemStyle: { color: 'rgba(74, 163, 255, 0.35)' },
          data: detail.series.map((day) => day.counters[count] ?? 0),
        },
        ...rates.slice(0, 3).map((rate) => ({
          type: 'line' as const,
          name: tr('rate', rate),
          connectNulls: false,
          showSymbol: detail.series.length <= 31,
          data: detail.series.map((day) => {
            const value = day.rates[rate];
            return value === null ? null : Math.round(value * 1000) / 10;
          }),
        })),
      ],
    };
  }, [detail, rates, count, tr]);
  const name = detail?.object.name ?? detail?.object.id;
  return (
    <section className="panel chart-panel" aria-labelledby="trend-title">
      <header>
        <h2 id="trend-title">{name ? t('reports.trend.title', { name }) : t('reports.trend.none')}</h2>
      </header>
      {error ? (
        <ErrorNotice error={error} />
      ) : !detail ? (
        <p className="empty">{loading ? t('app.loading') : t('reports.trend.pick')}</p>
      ) : (
        <EChart option={option} testId="trend-chart" label={t('reports.trend.title', { name: name ?? '' })} />
      )}
    </section>
  );
}
