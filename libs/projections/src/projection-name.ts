/** The KPI projection's name in `projection_generations` and `projection_checkpoints`. */
export const KPI_PROJECTION = 'kpis';
