/** What a token may see: `admin` everything, `lead` their teams' detail, `member` organisation-wide views. */
export const ROLES = ['admin', 'lead', 'member'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
