import type { KpiSettings, OrganizationConfig, OrganizationSettings, RecognitionSettings, WorkingHoursRange } from './organization-model';

const SECONDS_PER_DAY = 86_400;

const DEFAULT_TIMEZONE = 'UTC';
const DEFAULT_MIN_GROUP_SIZE = 3;

/** metrics.md: Monday to Friday, 09:00 to 18:00. */
export const DEFAULT_WORKING_HOURS: readonly WorkingHoursRange[] = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
  day,
  startMinute: 9 * 60,
  endMinute: 18 * 60,
}));

export const DEFAULT_KPI_SETTINGS: KpiSettings = {
  linkWindowSeconds: SECONDS_PER_DAY,
  participationSeverity: 'SEV3',
  postmortemSeverity: 'SEV2',
  postmortemDueSeconds: 7 * SECONDS_PER_DAY,
  actionItemDueSeconds: 30 * SECONDS_PER_DAY,
  infraPaths: ['**/*.tf', '**/*.tfvars', 'k8s/**', 'helm/**', 'charts/**', 'deploy/**', '**/Dockerfile', '.github/workflows/**'],
  productionEnvironments: ['production', 'prod'],
};

export const DEFAULT_RECOGNITION_SETTINGS: RecognitionSettings = {
  kudosTriggers: ['kudos', '/kudos'],
  kudosReactions: ['raised_hands'],
  kudosPerDay: 5,
  kudosValues: [],
  disabledRules: [],
  selfDealingMaxShare: 0.5,
  selfDealingWindowDays: 30,
  selfDealingMinKudos: 4,
};

/** A value the owners did not set, or a list they left empty, takes the default. */
function withDefaults<Settings extends object>(written: Partial<Settings>, defaults: Settings): Settings {
  const resolved = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Settings)[]) {
    const value = written[key];
    if (value !== undefined && !(Array.isArray(value) && value.length === 0)) resolved[key] = value as Settings[keyof Settings];
  }
  return resolved;
}

export function resolveSettings(config: OrganizationConfig): OrganizationSettings {
  const timezone = config.timezone ?? DEFAULT_TIMEZONE;
  return {
    name: config.name,
    timezone,
    minGroupSize: config.minGroupSize ?? DEFAULT_MIN_GROUP_SIZE,
    defaultWorkingHours: {
      timezone,
      ranges: config.defaultWorkingHours && config.defaultWorkingHours.length > 0 ? config.defaultWorkingHours : DEFAULT_WORKING_HOURS,
    },
    kpis: withDefaults(config.kpis, DEFAULT_KPI_SETTINGS),
    recognition: withDefaults(config.recognition, DEFAULT_RECOGNITION_SETTINGS),
  };
}
