/** How big the demo is: `small` for a first look, `year` for a realistic load (~1,000,000 events). */
export const DEMO_SCALES = ['small', 'year'] as const;
export type DemoScale = (typeof DEMO_SCALES)[number];

export interface ScaleProfile {
  weeks: number;
  devTeams: number;
  opsTeams: number;
  peoplePerDevTeam: number;
  peoplePerOpsTeam: number;
}

export const SCALE_PROFILES: Readonly<Record<DemoScale, ScaleProfile>> = {
  small: { weeks: 13, devTeams: 7, opsTeams: 5, peoplePerDevTeam: 11, peoplePerOpsTeam: 9 },
  year: { weeks: 52, devTeams: 34, opsTeams: 16, peoplePerDevTeam: 10, peoplePerOpsTeam: 10 },
};
