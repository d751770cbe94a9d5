/**
 * A small line chart in plain SVG (no chart library) for a series over time, with an optional
 * dashed reference line (a target). Screen readers get the title and a summary; everyone can open
 * the same numbers as a table. Points without a value (null) break the line.
 */
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { axisTicks, labelStride, niceMax, scaled } from '../lib/chart-scale.ts';
import { t } from '../lib/i18n.ts';
import { ChartTable } from './ChartTable.tsx';

export interface LinePoint {
  label: string;
  value: number | null;
}

export interface LineChartProps {
  title: string;
  description?: string;
  data: LinePoint[];
  format: (value: number) => string;
  labelHeader: string;
  valueHeader: string;
  /** A horizontal reference, e.g. the ROAS target. */
  reference?: { value: number; label: string };
  empty?: JSX.Element;
}

const WIDTH = 640;
const HEIGHT = 200;
const AXIS_GUTTER = 52;
const LABEL_BAND = 28;

export function LineChart(props: LineChartProps) {
  const titleId = createUniqueId();
  const descId = createUniqueId();
  const plotWidth = WIDTH - AXIS_GUTTER;
  const plotHeight = HEIGHT - LABEL_BAND;
  const values = () => props.data.map((d) => d.value).filter((v): v is number => v !== null);
  const max = () => niceMax(Math.max(0, ...values(), props.reference?.value ?? 0));
  const x = (i: number) =>
    AXIS_GUTTER +
    (props.data.length <= 1 ? plotWidth / 2 : (i / (props.data.length - 1)) * plotWidth);
  const y = (value: number) => plotHeight - scaled(value, max(), plotHeight);
  /** One path per run of consecutive values, so a gap shows as a gap. */
  const paths = () => {
    const runs: string[] = [];
    let current = '';
    props.data.forEach((d, i) => {
      if (d.value === null) {
        if (current) runs.push(current);
        current = '';
      } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)} ${y(d.value).toFixed(1)} `;
    });
    if (current) runs.push(current);
    return runs;
  };
  const summary = () => {
    const v = values();
    const range = v.length
      ? t('charts.lineSummary', {
          n: props.data.length,
          min: props.format(Math.min(...v)),
          max: props.format(Math.max(...v)),
          last: props.format(v[v.length - 1]!),
        })
      : '';
    return `${props.description ? `${props.description} ` : ''}${range}`;
  };
  return (
    <figure class="grid gap-3">
      <figcaption class="text-sm font-semibold text-fg">{props.title}</figcaption>
      <Show
        when={values().length > 0}
        fallback={props.empty ?? <p class="text-sm text-fg-muted">{t('charts.empty')}</p>}
      >
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          class="h-auto w-full overflow-visible"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
        >
          <title id={titleId}>{props.title}</title>
          <desc id={descId}>{summary()}</desc>
          <For each={axisTicks(max())}>
            {(tick) => (
              <g>
                <line
                  x1={AXIS_GUTTER}
                  x2={WIDTH}
                  y1={y(tick)}
                  y2={y(tick)}
                  class="stroke-line"
                  stroke-dasharray={tick === 0 ? undefined : '3 4'}
                />
                <text
                  x={AXIS_GUTTER - 6}
                  y={y(tick)}
                  dy="0.32em"
                  text-anchor="end"
                  class="fill-fg-muted text-[15px]"
                >
                  {props.format(tick)}
                </text>
              </g>
            )}
          </For>
          <Show when={props.reference}>
            {(ref) => (
              <g>
                <line
                  x1={AXIS_GUTTER}
                  x2={WIDTH}
                  y1={y(ref().value)}
                  y2={y(ref().value)}
                  class="stroke-warn"
                  stroke-width="1.5"
                  stroke-dasharray="6 4"
                />
                <text
                  x={WIDTH}
                  y={y(ref().value) - 6}
                  text-anchor="end"
                  class="fill-warn text-[14px]"
                >
                  {ref().label}
                </text>
              </g>
            )}
          </Show>
          <For each={paths()}>
            {(d) => (
              <path
                d={d}
                fill="none"
                class="stroke-brand"
                stroke-width="2.5"
                stroke-linejoin="round"
              />
            )}
          </For>
          <For each={props.data}>
            {(point, i) => (
              <>
                <Show when={point.value !== null}>
                  <circle cx={x(i())} cy={y(point.value!)} r="3.5" class="fill-brand">
                    <title>{`${point.label}: ${props.format(point.value!)}`}</title>
                  </circle>
                </Show>
                <Show when={i() % labelStride(props.data.length, 7) === 0}>
                  <text
                    x={x(i())}
                    y={HEIGHT - 6}
                    text-anchor="middle"
                    class="fill-fg-muted text-[15px]"
                  >
                    {point.label}
                  </text>
                </Show>
              </>
            )}
          </For>
        </svg>
        <ChartTable
          title={props.title}
          labelHeader={props.labelHeader}
          valueHeader={props.valueHeader}
          rows={props.data.map((point) => ({
            label: point.label,
            value: point.value === null ? '—' : props.format(point.value),
          }))}
        />
      </Show>
    </figure>
  );
}
