/**
 * @module Who gets a new lead: round-robin or least-loaded among the members a board names. The
 * cursor (who got the last one) is kept by the board's Durable Object, which runs one request at
 * a time, so concurrent captures never hand two leads to the same turn.
 */

export const ASSIGNMENT_MODES = ['off', 'round_robin', 'least_loaded'] as const;
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number];

export interface AssignmentSettings {
  mode: AssignmentMode;
  /** In rotation order. */
  memberIds: string[];
}

export const DEFAULT_ASSIGNMENT: AssignmentSettings = { mode: 'off', memberIds: [] };

/** The rotation starting right after the member who got the last lead. */
function rotationAfter(memberIds: readonly string[], lastAssigned: string | null): string[] {
  const start = lastAssigned ? memberIds.indexOf(lastAssigned) + 1 : 0;
  return [...memberIds.slice(start), ...memberIds.slice(0, start)];
}

/**
 * The owner for the next lead, or null when assignment is off or nobody is eligible.
 * `openLeads` counts each member's open leads on the board (for least-loaded); ties go to whoever
 * comes first in the rotation, so equal loads still take turns.
 */
export function pickOwner(
  settings: AssignmentSettings,
  lastAssigned: string | null,
  openLeads: ReadonlyMap<string, number>,
): string | null {
  if (settings.mode === 'off' || !settings.memberIds.length) return null;
  const rotation = rotationAfter(settings.memberIds, lastAssigned);
  if (settings.mode === 'round_robin') return rotation[0]!;
  let best = rotation[0]!;
  for (const id of rotation) if ((openLeads.get(id) ?? 0) < (openLeads.get(best) ?? 0)) best = id;
  return best;
}
