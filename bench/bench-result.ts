export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  target?: string;
}

/** Prints results as an aligned table: name, value, baseline, ratio, target. */
export function printResults(results: BenchResult[]): void {
  const rows = [
    ['benchmark', 'value', 'baseline', 'ratio', 'target'],
    ...results.map((result) => [
      result.name,
      `${formatNumber(result.value)} ${result.unit}`,
      result.baseline === undefined ? '' : `${formatNumber(result.baseline)} ${result.unit}`,
      result.ratio === undefined ? '' : result.ratio.toFixed(2),
      result.target ?? '',
    ]),
  ];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  for (const row of rows) {
    console.log(row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  '));
  }
}

function formatNumber(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2);
}
