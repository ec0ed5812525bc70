// KPI snapshots and leadership reports: a functional core over the event history (no framework,
// no clock: the same events and asOf give the same snapshot bytes and the same report) and thin
// file adapters in files/.

// Snapshots: every KPI for the organisation and every team over a window, sealed.
export { buildSnapshot, snapshotValueOf, type SnapshotInput } from './snapshot/build-snapshot';
export * from './snapshot/snapshot-types';
export { SNAPSHOT_GENERATOR } from './snapshot/generator';
export { checkSeal, contentOf, sealSnapshot, type SealCheck } from './snapshot/seal';
export { kpiSnapshotSchema, snapshotSidecarSchema, type SnapshotSidecar } from './snapshot/snapshot-schema';
export { encodeSnapshot, isSnapshotFormat, snapshotBaseName, SIDECAR_SUFFIX, SNAPSHOT_FORMATS, type SnapshotFile, type SnapshotFormat } from './snapshot/encode-snapshot';
export { SNAPSHOT_COLUMNS } from './snapshot/formats/snapshot-rows';
export { decodeSnapshotCsv } from './snapshot/formats/csv-format';
export { decodeSnapshotParquet } from './snapshot/formats/parquet-format';
export { verifySnapshotBytes, type SnapshotBytes, type SnapshotVerification } from './snapshot/verify-snapshot';

// The leadership report: a pure model of a week or month, and its renderers.
export { buildReport, type ReportInput } from './report/build-report';
export type * from './report/report-types';
export { renderReportHtml } from './report/render/html';
export { renderReportMarkdown } from './report/render/markdown';
export { TREND_PERIODS } from './report/periods';

// The history both are functions of, and what its numbers could not see.
export { historyUpTo, type History } from './shared/history';
export { coverageOf } from './shared/coverage';
export { canonicalJson } from './shared/canonical-json';
export { fixedNumber, EXPORT_DECIMALS } from './shared/numbers';
export { canonicalInstant } from './shared/instants';
export { resolveWindow } from './shared/window';

// File and store adapters (the only I/O).
export { verifySnapshotFile, writeSnapshotFiles } from './files/snapshot-files';
export { readAllEvents } from './files/read-history';
export { reportFileName, writeReportFile, REPORT_FORMATS, type ReportFormat } from './files/report-files';
export { CHROMIUM_ARGS, htmlToPdf, launchChromium } from './files/chromium';

// What the CLI, the API's mutations and the reporter's jobs run: store → files, and the jobs' contract.
export { exportSnapshotFiles, type SnapshotExportRequest } from './delivery/export-snapshot-files';
export { writeLeadershipReport, type LeadershipReportRequest } from './delivery/write-leadership-report';
export { loadReportingSettings, REPORTING_DEFAULTS, reportingSettingsOf, type ReportingSettings } from './delivery/reporting-settings';
export * from './delivery/report-jobs';

export { ReportsError, type ReportsErrorCode } from './reports-error';
