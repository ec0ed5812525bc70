import { parseExpression } from 'cron-parser';
import { checkJobId } from './job-id';
import type { JobSchedule } from './job-queue.port';

export class InvalidScheduleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScheduleError';
  }
}

/**
 * Checks a schedule before either backend stores it. cron-parser 4 is also what BullMQ evaluates
 * cron patterns with, so the embedded scheduler fires at exactly the same instants.
 */
export function checkSchedule(schedule: JobSchedule): JobSchedule {
  checkJobId(schedule.id);
  try {
    new Intl.DateTimeFormat('en', { timeZone: schedule.timezone });
  } catch {
    throw new InvalidScheduleError(`Unknown time zone "${schedule.timezone}" in schedule ${schedule.id}: use an IANA name such as Europe/Paris`);
  }
  try {
    parseExpression(schedule.cron, { tz: schedule.timezone });
  } catch (error) {
    throw new InvalidScheduleError(`Invalid cron "${schedule.cron}" in schedule ${schedule.id}: ${(error as Error).message}`);
  }
  return schedule;
}

/** The first fire time strictly after `afterMs` (epoch ms). */
export function nextFireTime(schedule: Pick<JobSchedule, 'cron' | 'timezone'>, afterMs: number): number {
  return parseExpression(schedule.cron, { tz: schedule.timezone, currentDate: new Date(afterMs) }).next().getTime();
}
