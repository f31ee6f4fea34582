import { useMemo } from 'react';
import type { EvaluationRow, ObjectType, RateKey } from '../api/evaluation-types';
import { useI18n } from '../i18n/i18n.context';
import { EChart } from './echart.component';
import { axisStyle, CHART_COLOURS, type ChartOption } from './echarts-setup';
import { columnsOf } from './report-columns';
import type { ReportQuery } from './report-query';

/** Bars drawn at most: the best of the ranking by the chosen measure. */
const MAX_BARS = 30;

interface Props {
  type: ObjectType;
  rows: readonly EvaluationRow[];
  metric: ReportQuery['metric'];
  onMetric(metric: ReportQuery['metric']): void;
  selectedId: string | null;
  onSelect(id: string): void;
}

/** A score out of 100, or a rate as a percentage: one scale for the bars. */
const valueOf = (row: EvaluationRow, metric: ReportQuery['metric']): number | null => {
  if (metric === 'score') return row.score;
  const rate = row.rates[metric];
  return rate === null ? null : Math.round(rate * 1000) / 10;
};

const colourOf = (value: number) =>
  value >= 90 ? CHART_COLOURS.green : value >= 60 ? CHART_COLOURS.yellow : CHART_COLOURS.red;

/** The ranking as bars, best first, by score or by one of the type's rates. */
export function RankingChart({ type, rows, metric, onMetric, selectedId, onSelect }: Props) {
  const { t, tr } = useI18n();
  const metrics: Array<'score' | RateKey> = ['score', ...columnsOf(type).rates];
  const bars = useMemo(
    () =>
      rows
        .map((row) => ({ row, value: valueOf(row, metric) }))
        .filter((bar): bar is { row: EvaluationRow; value: number } => bar.value !== null)
        .sort((a, b) => b.value - a.value)
        .slice(0, MAX_BARS),
    [rows, metric],
  );
  const label = metric === 'score' ? t('reports.score') : tr('rate', metric);
  const option = useMemo<ChartOption>(
    () => ({
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', max: 100, ...axisStyle },
      yAxis: {
        type: 'category',
        inverse: true,
        data: bars.map((bar) => bar.row.name ?? bar.row.id),
        ...axisStyle,
        axisLabel: { color: CHART_COLOURS.text, width: 140, overflow: 'truncate' },
      },
      series: [
        {
          type: 'bar',
          name: label,
          barMaxWidth: 22,
          label: {
            show: true,
            position: 'right',
            color: CHART_COLOURS.text,
            formatter: metric === 'score' ? '{c}' : '{c}%',
          },
          data: bars.map((bar) => ({
            id: bar.row.id,
            value: bar.value,
            itemStyle: {
              color: colourOf(bar.value),
              borderColor: bar.row.id === selectedId ? CHART_COLOURS.text : undefined,
              borderWidth: bar.row.id === selectedId ? 2 : 0,
            },
          })),
        },
      ],
    }),
    [bars, label, metric, selectedId],
  );
  return (
    <section className="panel chart-panel" aria-labelledby="ranking-chart-title">
      <header>
        <h2 id="ranking-chart-title">{t('reports.chart.title', { count: bars.length })}</h2>
        <label>
          {t('reports.chart.metric')}
          <select
            data-testid="report-metric"
            value={metric}
            onChange={(e) => onMetric(e.target.value as ReportQuery['metric'])}
          >
            {metrics.map((key) => (
              <option key={key} value={key}>
                {key === 'score' ? t('reports.score') : tr('rate', key)}
              </option>
            ))}
          </select>
        </label>
      </header>
      {bars.length === 0 ? (
        <p className="empty">{t('reports.chart.empty')}</p>
      ) : (
        <EChart option={option} testId="ranking-chart" label={label} onPick={onSelect} />
      )}
    </section>
  );
}
