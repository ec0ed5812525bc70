import type { KpiUnit } from '@tandem/metrics';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `42 min`, `2 h 10 min`, `3 d 4 h`: a duration the way a person says it. */
export function formatDuration(seconds: number): string {
  const abs = Math.abs(seconds);
  if (abs < 90) return `${Math.round(abs)} s`;
  const minutes = Math.round(abs / 60);
  if (minutes < 90) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

export function formatPercent(ratio: number): string {
  const percent = ratio * 100;
  return `${Math.abs(percent) < 10 && Math.round(percent) !== percent ? percent.toFixed(1) : Math.round(percent).toLocaleString('en-US')}%`;
}

export function formatCount(count: number): string {
  return Math.round(count).toLocaleString('en-US');
}

export function formatValue(value: number, unit: KpiUnit): string {
  switch (unit) {
    case 'seconds':
      return formatDuration(value);
    case 'ratio':
      return formatPercent(value);
    case 'count':
      return formatCount(value);
  }
}

/** `8 min faster`, `3 more`, `5 points lower`: a change in words; `same` when it rounds to nothing. */
export function formatChange(change: number, unit: KpiUnit): string {
  switch (unit) {
    case 'seconds': {
      if (Math.round(Math.abs(change)) === 0) return 'the same';
      return `${formatDuration(change)} ${change < 0 ? 'faster' : 'slower'}`;
    }
    case 'ratio': {
      const points = Math.round(Math.abs(change) * 100);
      if (points === 0) return 'the same';
      return `${formatCount(points)} ${points === 1 ? 'point' : 'points'} ${change < 0 ? 'lower' : 'higher'}`;
    }
    case 'count': {
      const amount = Math.round(Math.abs(change));
      if (amount === 0) return 'the same';
      return `${formatCount(amount)} ${change < 0 ? 'fewer' : 'more'}`;
    }
  }
}

/** `2 March 2026` from `2026-03-02`. */
export function formatDateLabel(label: string): string {
  const [year, month, day] = label.split('-').map(Number);
  return day === undefined ? `${MONTHS[month - 1]} ${year}` : `${day} ${MONTHS[month - 1]} ${year}`;
}

/** `2 March 2026, 14:05 UTC` from an ISO instant (UTC: the report names its zone). */
export function formatInstant(iso: string): string {
  const date = iso.slice(0, 10);
  return `${formatDateLabel(date)}, ${iso.slice(11, 16)} UTC`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
