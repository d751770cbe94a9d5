/** @module Inputs for pipelines: boards, stages, leads, moves, notes and the lead list's filters. */
import * as v from 'valibot';
import { JsonObject, Name, PageQuery, Uuid } from './common.ts';

export const Currency = v.pipe(
  v.string('currency must be text.'),
  v.regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code such as BRL.'),
);

const Count = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number.`),
    v.minValue(min, `${label} must be at least ${min}.`),
    v.maxValue(max, `${label} must be at most ${max}.`),
  );

const Index = Count('index', 0, 1_000_000);

const StageEntries = {
  name: Name('Stage name', 60),
  color: v.optional(v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'color looks like #22c55e.'))),
  probability: v.optional(Count('probability', 0, 100)),
  wipLimit: v.optional(v.nullable(Count('wipLimit', 1, 10_000))),
  rottingDays: v.optional(v.nullable(Count('rottingDays', 1, 3650))),
  /** `won` or `lost` for a stage that closes a deal. */
  outcome: v.optional(v.nullable(v.picklist(['won', 'lost'], 'outcome is won, lost or null.'))),
};

export const StageInput = v.strictObject({ ...StageEntries, index: v.optional(Index) });

/** Rename, recolor or reorder (`index` in board order) a stage. */
export const StagePatch = v.pipe(
  v.strictObject({ ...v.partial(v.object(StageEntries)).entries, index: v.optional(Index) }),
  v.check((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.'),
);

export const StageDeleteQuery = v.object({
  /** Where the stage's leads go; required when it has any. */
  targetStageId: v.optional(Uuid),
});

export const StageParams = v.object({ id: Uuid, stageId: Uuid });

/**
 * The stages a new board starts with when none are given (pt-BR, the first market): the funnel,
 * then the two ways a deal ends, so a lost deal leaves the funnel with its reason.
 */
export const DEFAULT_STAGES = [
  { name: 'Novo', color: '#64748b', probability: 10 },
  { name: 'Qualificado', color: '#0ea5e9', probability: 25 },
  { name: 'Proposta', color: '#8b5cf6', probability: 50 },
  { name: 'Negociação', color: '#f59e0b', probability: 75 },
  { name: 'Ganho', color: '#22c55e', probability: 100, outcome: 'won' as const },
  { name: 'Perdido', color: '#ef4444', probability: 0, outcome: 'lost' as const },
];

export const BoardInput = v.strictObject({
  name: Name('Board name', 80),
  currency: v.optional(Currency, 'BRL'),
  stages: v.optional(
    v.pipe(
      v.array(v.strictObject(StageEntries), 'stages must be a list.'),
      v.minLength(1, 'A board needs at least one stage.'),
      v.maxLength(30, 'A board has at most 30 stages.'),
    ),
  ),
});

export const BoardPatch = v.pipe(
  v.strictObject({ name: v.optional(Name('Board name', 80)), currency: v.optional(Currency) }),
  v.check((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.'),
);

const Text = (label: string, max: number) =>
  v.pipe(
    v.string(`${label} must be text.`),
    v.trim(),
    v.maxLength(max, `${label} must be at most ${max} characters.`),
  );

const LeadEmail = v.pipe(
  Text('email', 254),
  v.toLowerCase(),
  v.check((s) => s === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s), 'Enter a valid e-mail address.'),
);

const CustomKey = v.pipe(
  v.string(),
  v.regex(/^[\w.-]{1,40}$/, 'Custom field names are 1-40 letters, digits, _ . -'),
);
const CustomValue = v.union(
  [v.pipe(v.string(), v.maxLength(1000)), v.number(), v.boolean()],
  'A custom field is text, a number or true/false.',
);

const LeadEntries = {
  name: Name('Lead name', 200),
  company: v.optional(Text('company', 200)),
  email: v.optional(LeadEmail),
  phone: v.optional(
    v.pipe(
      Text('phone', 40),
      v.regex(/^[\d\s()+.-]*$/, 'phone has digits, spaces and ( ) + - . only.'),
    ),
  ),
  /** Integer minor units (centavos). */
  value: v.optional(Count('value', 0, 10_000_000_000_000)),
  currency: v.optional(Currency),
  source: v.optional(Text('source', 60)),
  ownerId: v.optional(v.nullable(Uuid)),
  tags: v.optional(
    v.pipe(
      v.array(
        v.pipe(Text('tag', 40), v.minLength(1, 'A tag cannot be empty.')),
        'tags must be a list.',
      ),
      v.maxLength(20, 'At most 20 tags.'),
    ),
  ),
  score: v.optional(Count('score', 0, 100)),
  nextActivityAt: v.optional(
    v.nullable(v.pipe(v.string(), v.isoTimestamp('nextActivityAt is an ISO date-time.'))),
  ),
  notes: v.optional(Text('notes', 20_000)),
  /** Why the deal was lost (for a lead in a `lost` stage). */
  lostReason: v.optional(Text('lostReason', 200)),
};

export const LeadInput = v.strictObject({
  ...LeadEntries,
  boardId: Uuid,
  /** Default: the board's first stage. */
  stageId: v.optional(Uuid),
  /** Position in the stage; default last. */
  index: v.optional(Index),
  custom: v.optional(
    JsonObject(
      v.pipe(
        v.record(CustomKey, CustomValue),
        v.check((r) => Object.keys(r).length <= 50, 'At most 50 custom fields.'),
      ),
      'custom',
    ),
  ),
});

export const LeadPatchInput = v.pipe(
  v.strictObject({
    ...v.partial(v.object(LeadEntries)).entries,
    /** `null` removes a custom field. */
    custom: v.optional(
      JsonObject(
        v.pipe(
          v.record(CustomKey, v.nullable(CustomValue)),
          v.check((r) => Object.keys(r).length <= 50, 'At most 50 custom fields.'),
        ),
        'custom',
      ),
    ),
  }),
  v.check((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.'),
);

export const LeadMoveInput = v.strictObject({ stageId: Uuid, index: Index });

export const NoteInput = v.strictObject({
  text: v.pipe(Text('text', 10_000), v.minLength(1, 'Write the note.')),
});

export const LeadListQuery = v.object({
  ...PageQuery.entries,
  board: v.optional(Uuid),
  stage: v.optional(Uuid),
  owner: v.optional(Uuid),
  tag: v.optional(v.pipe(v.string(), v.maxLength(40))),
  /** Matches name, company, e-mail or phone. */
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100))),
});

export const TimelineQuery = PageQuery;
