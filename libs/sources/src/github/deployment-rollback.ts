import type { GithubDeployment } from './github-payload';

/** What a deployment says about undoing an earlier one (DeploymentFinished.rollback and friends). */
export interface RollbackMarks {
  rollback: boolean;
  revertsDeploymentId?: string;
  revertsSha?: string;
}

/**
 * The rule (metrics.md change_failure_rate: "followed by a rollback/revert deployment"). GitHub
 * has no rollback field, so we read what deployment tools put in the deployment itself. A
 * deployment is a rollback when any of these holds:
 *  1. `task` is `rollback` or ends with `:rollback` (the convention of `deploy:rollback`, used by
 *     Capistrano-style and GitHub-API deployers), case-insensitive;
 *  2. `description` starts with `Rollback`, `Roll back` or `Revert` (case-insensitive);
 *  3. `payload.rollback` is `true` (or the string "true");
 *  4. `payload` names what it undoes: `rollback_of` / `reverts_deployment_id` (a deployment id)
 *     or `reverts_sha` (a commit).
 * "Previous" hints (`payload.previous_deployment_id`, `payload.previous_sha`) only fill in what a
 * rollback undoes once 1–4 marked it: every deployment has a previous one, so they mark nothing.
 * `transient_environment` is not a rollback mark (it flags review apps; see deployments.ts, where it
 * keeps an environment out of production).
 */
export function rollbackMarks(deployment: GithubDeployment): RollbackMarks {
  const payload = typeof deployment.payload === 'object' && deployment.payload !== null ? deployment.payload : {};
  const revertsDeploymentId = idText(payload['reverts_deployment_id']) ?? idText(payload['rollback_of']);
  const revertsSha = idText(payload['reverts_sha']);
  const task = (deployment.task ?? '').trim().toLowerCase();
  const marked =
    task === 'rollback' ||
    task.endsWith(':rollback') ||
    /^\s*(rollback|roll back|revert)\b/i.test(deployment.description ?? '') ||
    payload['rollback'] === true ||
    payload['rollback'] === 'true' ||
    revertsDeploymentId !== undefined ||
    revertsSha !== undefined;
  if (!marked) return { rollback: false };
  const undoesDeployment = revertsDeploymentId ?? idText(payload['previous_deployment_id']);
  const undoesSha = revertsSha ?? idText(payload['previous_sha']);
  return {
    rollback: true,
    ...(undoesDeployment !== undefined ? { revertsDeploymentId: undoesDeployment } : {}),
    ...(undoesSha !== undefined ? { revertsSha: undoesSha } : {}),
  };
}

function idText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && value.trim() !== '' && value.length <= 256) return value.trim();
  return undefined;
}
