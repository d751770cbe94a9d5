/**
 * @module A board's intake settings (scoring rules, assignment) as stored on its D1 row: read
 * with defaults for boards that never set them, so the room and the API agree on one meaning.
 */
import { eq } from 'drizzle-orm';
import * as v from 'valibot';
import { DEFAULT_ASSIGNMENT } from '../../domain/pipeline/assignment.ts';
import {
  DEFAULT_INTAKE_SETTINGS,
  type IntakeSettings,
} from '../../domain/pipeline/board-intake.ts';
import { DEFAULT_SCORING_RULES, type ScoringRules } from '../../domain/pipeline/scoring.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import { AssignmentInput, ScoringRulesInput } from '../../schema/inputs/lead-intake.ts';
import { boards } from '../../schema/pipeline.ts';

/** Settings from the stored JSON; anything unreadable falls back to the defaults. */
export function intakeSettingsOf(row: {
  scoringRules: unknown;
  assignment: unknown;
}): IntakeSettings {
  const scoring = v.safeParse(ScoringRulesInput, row.scoringRules);
  const assignment = v.safeParse(AssignmentInput, row.assignment);
  return {
    scoring: scoring.success ? (scoring.output as ScoringRules) : DEFAULT_SCORING_RULES,
    assignment: assignment.success ? assignment.output : DEFAULT_ASSIGNMENT,
  };
}

export async function loadIntakeSettings(
  db: Db,
  orgId: string,
  boardId: string,
): Promise<IntakeSettings> {
  const row = await db
    .select({ scoringRules: boards.scoringRules, assignment: boards.assignment })
    .from(boards)
    .where(orgScope(orgId).where(boards, eq(boards.id, boardId)))
    .get();
  return row ? intakeSettingsOf(row) : DEFAULT_INTAKE_SETTINGS;
}
