import { access } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { loadOrganizationFile, type DeliverySettings } from '@tandem/directory';
import type { ReportFormat } from '../files/report-files';
import type { SnapshotFormat } from '../snapshot/encode-snapshot';

/** What the reporter does when tandem.yaml's `reports:` and `snapshots:` leave it unsaid. */
export const REPORTING_DEFAULTS = {
  /** Mondays 08:00: the week that just ended. */
  weekly: '0 8 * * 1',
  /** The 1st at 08:00: the month that just ended. */
  monthly: '0 8 1 * *',
  /** 02:30 every day: yesterday's snapshot. */
  daily: '30 2 * * *',
  teams: 'all',
  reportFormats: ['html'],
  snapshotFormats: ['json'],
  reportsFolder: 'reports',
  snapshotsFolder: 'snapshots',
} as const;

/** The reporter's schedules and deliveries, every default filled in. */
export interface ReportingSettings {
  reports: {
    /** Cron of the weekly and monthly reports; null: off. */
    weekly: string | null;
    monthly: string | null;
    timezone: string;
    /** Team reports beside the organisation's: every team, the ones named, or none (`[]`). */
    teams: 'all' | readonly string[];
    formats: readonly ReportFormat[];
    /** Absolute. */
    folder: string;
    /** Where the organisation's report is announced (team reports go to the folder only). */
    slack: { channel: string } | null;
    email: { to: readonly string[] } | null;
  };
  snapshots: {
    daily: string | null;
    timezone: string;
    formats: readonly SnapshotFormat[];
    folder: string;
  };
}

/**
 * The settings from tandem.yaml's delivery section (`null` when the file has none): unset keys
 * get `REPORTING_DEFAULTS`, relative folders are taken in the data folder, and both schedules run
 * in their own `timezone`, else the organisation's, else UTC.
 */
export function reportingSettingsOf(delivery: Pick<DeliverySettings, 'reports' | 'snapshots'> | null, dataDir: string, organizationTimezone = 'UTC'): ReportingSettings {
  const reports = delivery?.reports ?? null;
  const snapshots = delivery?.snapshots;
  const scheduleOf = (value: string | false | undefined, fallback: string): string | null => (value === false ? null : (value ?? fallback));
  const inDataDir = (folder: string): string => (isAbsolute(folder) ? folder : join(dataDir, folder));
  return {
    reports: {
      weekly: scheduleOf(reports?.cron, REPORTING_DEFAULTS.weekly),
      monthly: scheduleOf(reports?.monthly, REPORTING_DEFAULTS.monthly),
      timezone: reports?.timezone ?? organizationTimezone,
      teams: reports?.teams ?? REPORTING_DEFAULTS.teams,
      formats: reports?.formats ?? REPORTING_DEFAULTS.reportFormats,
      folder: inDataDir(reports?.deliver?.folder ?? REPORTING_DEFAULTS.reportsFolder),
      slack: reports?.deliver?.slack ?? null,
      email: reports?.deliver?.email ?? null,
    },
    snapshots: {
      daily: scheduleOf(snapshots?.daily, REPORTING_DEFAULTS.daily),
      timezone: snapshots?.timezone ?? organizationTimezone,
      formats: snapshots?.formats ?? REPORTING_DEFAULTS.snapshotFormats,
      folder: inDataDir(snapshots?.folder ?? REPORTING_DEFAULTS.snapshotsFolder),
    },
  };
}

/**
 * The settings of the organisation file at `path` (the one `tandem start` and `tandem org apply`
 * read); with no such file (an app of the distributed mode that was not given one), the defaults
 * in UTC. An invalid file throws its OrganizationFileError.
 */
export async function loadReportingSettings(path: string, dataDir: string): Promise<ReportingSettings> {
  const exists = await access(path).then(
    () => true,
    () => false,
  );
  if (!exists) return reportingSettingsOf(null, dataDir);
  const organization = await loadOrganizationFile(path);
  return reportingSettingsOf(organization.delivery, dataDir, organization.config.timezone);
}
