import type { ModuleRef } from '@nestjs/core';
import { READINESS_CHECKS, type ReadinessCheck } from '@tandem/observability';

/**
 * Adds a dependency to `/health/ready`. The runtime's list is the observability module's own
 * provider, read at every probe; it is reached through the module graph since it is not exported.
 */
export function addReadinessCheck(moduleRef: ModuleRef, check: ReadinessCheck): void {
  moduleRef.get<ReadinessCheck[]>(READINESS_CHECKS, { strict: false }).push(check);
}
