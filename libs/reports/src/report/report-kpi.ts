import type { KpiValue } from '@tandem/metrics';
import { fixedOrNull } from '../shared/numbers';
import { formatChange, formatValue } from './format';
import { PRESENTATION } from './presentation';
import type { ReportKpi, ReportPeriodKind, ReportValue } from './report-types';

export interface KpiSeries {
  /** The calendar buckets' labels, oldest first. */
  buckets: readonly string[];
  /** The KPI's value in each bucket, in the same order: the current period last. */
  values: readonly KpiValue[];
}

function reportValueOf(value: KpiValue): ReportValue {
  return { value: fixedOrNull(value.value), sampleSize: value.sampleSize, numerator: fixedOrNull(value.numerator), denominator: fixedOrNull(value.denominator), suppressed: value.suppressed };
}

/** A KPI of the report: this period against the last, its trend, and the sentence saying it. */
export function reportKpiOf(series: KpiSeries, periodKind: ReportPeriodKind, minGroupSize: number): ReportKpi {
  const latest = series.values[series.values.length - 1];
  const before = series.values[series.values.length - 2];
  const presentation = PRESENTATION[latest.kpi];
  const current = reportValueOf(latest);
  const previous = before ? reportValueOf(before) : { value: null, sampleSize: 0, numerator: null, denominator: null, suppressed: false };
  const change = current.value !== null && previous.value !== null ? current.value - previous.value : null;
  const notShown = `not shown: fewer than ${minGroupSize} people`;
  const show = (value: ReportValue) => (value.suppressed ? notShown : value.value === null ? 'no data' : formatValue(value.value, latest.unit));
  // A change too small to show in the values themselves (2 h 34 min both times) is no change to the reader.
  const changeText = change === null ? null : show(current) === show(previous) ? 'the same' : formatChange(change, latest.unit);
  const last = `last ${periodKind}`;

  let sentence: string;
  if (current.suppressed) sentence = `${presentation.label}: ${notShown}.`;
  else if (current.value === null) sentence = `${presentation.none} this ${periodKind}.`;
  else {
    const says = presentation.says(formatValue(current.value, latest.unit), current.value);
    if (changeText === null) sentence = `${says}; there is nothing to compare with ${last}.`;
    else if (changeText === 'the same') sentence = `${says}, the same as ${last}.`;
    else sentence = `${says}, ${changeText} than ${last}.`;
  }

  return {
    kpi: latest.kpi,
    version: latest.version,
    label: presentation.label,
    unit: latest.unit,
    better: presentation.better,
    current,
    previous,
    change: change === null ? null : fixedOrNull(change),
    verdict: verdictOf(change, changeText, presentation.better),
    trend: series.values.map((value, index) => ({ bucket: series.buckets[index], value: value.suppressed ? null : fixedOrNull(value.value) })),
    sentence,
    display: { current: show(current), previous: show(previous), change: changeText ?? '—' },
  };
}

function verdictOf(change: number | null, changeText: string | null, better: 'lower' | 'higher' | null): ReportKpi['verdict'] {
  if (change === null || better === null) return null;
  if (changeText === 'the same') return 'same';
  return (change < 0) === (better === 'lower') ? 'better' : 'worse';
}
