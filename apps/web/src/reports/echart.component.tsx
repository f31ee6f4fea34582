import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.context';
import { BASE_OPTION, init, type ChartOption, type EChartsType } from './echarts-setup';

interface Props {
  option: ChartOption | null;
  testId: string;
  label: string;
  /** A click on a bar, a point or an area: the `id` of its data item, else its name (a map's area code). */
  onPick?(id: string): void;
}

/**
 * One ECharts canvas. The chart is made again when the language changes (its locale is fixed at init), follows
 * its box's size, and says `data-ready="true"` once the current option has finished drawing.
 */
export function EChart({ option, testId, label, onPick }: Props) {
  const { locale } = useI18n();
  const container = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  const [ready, setReady] = useState(false);
  const pick = useRef(onPick);
  pick.current = onPick;

  useEffect(() => {
    const element = container.current!;
    const instance = init(element, null, { locale: locale === 'en' ? 'EN' : 'ZH', renderer: 'canvas' });
    instance.on('finished', () => setReady(true));
    instance.on('click', (event) => {
      const data = event.data as { id?: unknown } | null | undefined;
      const id = typeof data?.id === 'string' ? data.id : event.name;
      if (typeof id === 'string' && id) pick.current?.(id);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    setChart(instance);
    return () => {
      observer.disconnect();
      instance.dispose();
      setChart(null);
    };
  }, [locale]);

  useEffect(() => {
    if (!chart || !option) return;
    setReady(false);
    chart.setOption({ ...BASE_OPTION, ...option }, { notMerge: true });
  }, [chart, option]);

  return (
    <div
      ref={container}
      className="echart"
      role="img"
      aria-label={label}
      data-testid={testId}
      data-ready={Boolean(option) && ready}
    />
  );
}
