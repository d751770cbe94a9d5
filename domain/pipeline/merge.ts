/**
 * @module Merging two records of the same person: the surviving lead keeps everything it has and
 * gains what only the other one knows. Empty fields are filled, tags and custom fields are
 * united, the other's notes are appended. Nothing the survivor has is overwritten: a lead's
 * current data is what a seller last confirmed.
 */
import type { CustomValue, Lead, LeadPatch } from './board-doc.ts';

/** What the other record brings: a lead on the board, or a capture/import candidate. */
export type MergeSource = Partial<
  Pick<
    Lead,
    | 'name'
    | 'company'
    | 'email'
    | 'phone'
    | 'value'
    | 'currency'
    | 'source'
    | 'ownerId'
    | 'nextActivityAt'
    | 'tags'
    | 'notes'
  >
> & { custom?: Record<string, CustomValue> };

export interface MergePlan {
  patch: LeadPatch;
  /** The survivor's fields that gained a value, for the timeline. */
  filled: string[];
}

const FILLABLE = [
  'name',
  'company',
  'email',
  'phone',
  'source',
  'ownerId',
  'nextActivityAt',
] as const;

const blank = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

export function planMerge(survivor: Lead, other: MergeSource): MergePlan {
  const patch: LeadPatch = {};
  const filled: string[] = [];
  for (const field of FILLABLE) {
    const value = other[field];
    if (blank(survivor[field]) && !blank(value)) {
      patch[field] = value as string;
      filled.push(field);
    }
  }
  if (!survivor.value && other.value) {
    patch.value = other.value;
    if (other.currency) patch.currency = other.currency;
    filled.push('value');
  }
  const newTags = (other.tags ?? []).filter((tag) => !survivor.tags.includes(tag));
  if (newTags.length) {
    patch.tags = [...survivor.tags, ...newTags];
    filled.push('tags');
  }
  const newCustom = Object.entries(other.custom ?? {}).filter(
    ([key, value]) => blank(survivor.custom[key]) && !blank(value),
  );
  if (newCustom.length) {
    patch.custom = Object.fromEntries(newCustom);
    filled.push(...newCustom.map(([key]) => `custom.${key}`));
  }
  const notes = other.notes?.trim();
  if (notes && !survivor.notes.includes(notes)) {
    patch.notes = survivor.notes.trim() ? `${survivor.notes.trimEnd()}\n\n${notes}` : notes;
    filled.push('notes');
  }
  return { patch, filled };
}
