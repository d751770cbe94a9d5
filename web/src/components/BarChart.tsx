/**
 * A small bar chart in plain SVG (no chart library): columns for a series over time, rows for a
 * ranking by category. Screen readers get the title and a summary; everyone can open the same
 * numbers as a table.
 */
import { createUniqueId, For, type JSX, Show } from 'solid-js';
import { axisTicks, labelStride, niceMax, scaled } from '../lib/chart-scale.ts';
import { t } from '../lib/i18n.ts';
import { ChartTable } from './ChartTable.tsx';

export interface BarDatum {
  label: string;
  value: number;
}

export interface BarChartProps {
  title: string;
  /** One sentence on what the bars are, also read by screen readers. */
  description?: string;
  data: BarDatum[];
  /** `columns`: one bar per point in time; `rows`: one labelled bar per category. */
  layout?: 'columns' | 'rows';
  format: (value: number) => string;
  /** The header of the label column in the table. */
  labelHeader: string;
  valueHeader: string;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: JSX.Element;
}

const WIDTH = 640;
const COLUMN_HEIGHT = 200;
const ROW_HEIGHT = 34;
const AXIS_GUTTER = 52;
const LABEL_BAND = 28;
const ROW_LABEL_WIDTH = 170;

function Columns(props: BarChartProps & { max: number }) {
  const plotWidth = WIDTH - AXIS_GUTTER;
  const plotHeight = COLUMN_HEIGHT - LABEL_BAND;
  const slot = () => plotWidth / Math.max(1, props.data.length);
  const stride = () => labelStride(props.data.length, 7);
  const y = (value: number) => plotHeight - scaled(value, props.max, plotHeight);
  return (
    <>
      <For each={axisTicks(props.max)}>
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
      <For each={props.data}>
        {(datum, index) => {
          const height = () => plotHeight - y(datum.value);
          return (
            <g>
              <rect
                x={AXIS_GUTTER + index() * slot() + slot() * 0.15}
                width={Math.max(1, slot() * 0.7)}
                y={y(datum.value)}
                height={Math.max(datum.value > 0 ? 1 : 0, height())}
                rx="2"
                class="fill-brand"
              >
                <title>{`${datum.label}: ${props.format(datum.value)}`}</title>
              </rect>
              <Show when={index() % stride() === 0}>
                <text
                  x={AXIS_GUTTER + index() * slot() + slot() / 2}
                  y={COLUMN_HEIGHT - 6}
                  text-anchor="middle"
                  class="fill-fg-muted text-[15px]"
                >
                  {datum.label}
                </text>
              </Show>
            </g>
          );
        }}
      </For>
    </>
  );
}

function Rows(props: BarChartProps & { max: number }) {
  const barRoom = WIDTH - ROW_LABEL_WIDTH - 120;
  return (
    <For each={props.data}>
      {(datum, index) => (
        <g transform={`translate(0 ${index() * ROW_HEIGHT})`}>
          <text
            x={ROW_LABEL_WIDTH - 8}
            y={ROW_HEIGHT / 2}
            dy="0.32em"
            text-anchor="end"
            class="fill-fg text-[16px]"
          >
            {datum.label.length > 20 ? `${datum.label.slice(0, 19)}…` : datum.label}
          </text>
          <rect
            x={ROW_LABEL_WIDTH}
            y={5}
            width={Math.max(datum.value > 0 ? 2 : 0, scaled(datum.value, props.max, barRoom))}
            height={ROW_HEIGHT - 10}
            rx="3"
            class="fill-brand"
          >
            <title>{`${datum.label}: ${props.format(datum.value)}`}</title>
          </rect>
          <text
            x={ROW_LABEL_WIDTH + scaled(datum.value, props.max, barRoom) + 6}
            y={ROW_HEIGHT / 2}
            dy="0.32em"
            class="fill-fg-muted text-[16px] tabular-nums"
          >
            {props.format(datum.value)}
          </text>
        </g>
      )}
    </For>
  );
}

export function BarChart(props: BarChartProps) {
  const titleId = createUniqueId();
  const descId = createUniqueId();
  const max = () => niceMax(Math.max(0, ...props.data.map((d) => d.value)));
  const rows = () => props.layout === 'rows';
  const height = () => (rows() ? Math.max(1, props.data.length) * ROW_HEIGHT : COLUMN_HEIGHT);
  const total = () => props.data.reduce((sum, d) => sum + d.value, 0);
  const summary = () =>
    `${props.description ? `${props.description} ` : ''}${t('charts.summary', {
      n: props.data.length,
      total: props.format(total()),
    })}`;
  return (
    <figure class="grid gap-3">
      <figcaption class="text-sm font-semibold text-fg">{props.title}</figcaption>
      <Show
        when={props.data.some((d) => d.value > 0)}
        fallback={props.empty ?? <p class="text-sm text-fg-muted">{t('charts.empty')}</p>}
      >
        <svg
          viewBox={`0 0 ${WIDTH} ${height()}`}
          class="w-full h-auto overflow-visible"
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
        >
          <title id={titleId}>{props.title}</title>
          <desc id={descId}>{summary()}</desc>
          <Show when={rows()} fallback={<Columns {...props} max={max()} />}>
            <Rows {...props} max={max()} />
          </Show>
        </svg>
        <ChartTable
          title={props.title}
          labelHeader={props.labelHeader}
          valueHeader={props.valueHeader}
          rows={props.data.map((datum) => ({
            label: datum.label,
            value: props.format(datum.value),
          }))}
        />
      </Show>
    </figure>
  );
}
