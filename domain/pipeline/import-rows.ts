/**
 * @module From spreadsheet rows to leads: which lead field each column most likely holds (from
 * its header, in Portuguese or English), and each row checked and cleaned into a lead candidate
 * or refused with reasons a person can fix.
 */
import { normalizeEmail } from '../email.ts';
import { parseMoney } from '../money.ts';
import { formatPhone, normalizePhone } from '../phone.ts';
import { foldText } from './similarity.ts';

export const IMPORT_FIELDS = [
  'name',
  'company',
  'email',
  'phone',
  'value',
  'source',
  'tags',
  'notes',
  'stage',
  'owner',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A column's target: a lead field, a custom field (`custom:<key>`), or `ignore`. */
export type ColumnTarget = ImportField | `custom:${string}` | 'ignore';

const HEADER_WORDS: Record<ImportField, string[]> = {
  name: ['nome', 'nome completo', 'name', 'full name', 'contato', 'contact', 'cliente', 'lead'],
  company: ['empresa', 'company', 'razao social', 'organizacao', 'organization', 'negocio'],
  email: ['email', 'e mail', 'email address', 'endereco de email', 'correio eletronico'],
  phone: ['telefone', 'celular', 'whatsapp', 'fone', 'phone', 'mobile', 'tel', 'contato telefone'],
  value: ['valor', 'value', 'valor estimado', 'deal value', 'orcamento', 'amount', 'ticket'],
  source: ['origem', 'source', 'fonte', 'canal', 'channel', 'lead source'],
  tags: ['tags', 'tag', 'etiquetas', 'marcadores', 'labels'],
  notes: [
    'observacoes',
    'observacao',
    'obs',
    'notas',
    'notes',
    'comentarios',
    'anotacoes',
    'mensagem',
    'message',
  ],
  stage: ['etapa', 'stage', 'fase', 'funil', 'status', 'pipeline stage'],
  owner: ['responsavel', 'owner', 'vendedor', 'dono', 'assigned to', 'consultor'],
};

const WORD_TO_FIELD = new Map(
  Object.entries(HEADER_WORDS).flatMap(([field, words]) =>
    words.map((w) => [w, field as ImportField]),
  ),
);

/** "valor r" (from "Valor (R$)") or "email comercial": the longest known header it starts with. */
function fieldByFirstWords(folded: string): ImportField | undefined {
  let best: [string, ImportField] | undefined;
  for (const [words, field] of WORD_TO_FIELD)
    if (folded.startsWith(`${words} `) && words.length > (best?.[0].length ?? 0))
      best = [words, field];
  return best?.[1];
}

/** `custom:<key>` keys: lower-case ASCII words joined by underscores. */
export const customKey = (header: string) =>
  foldText(header).replaceAll(' ', '_').slice(0, 40) || 'campo';

/**
 * A mapping guess per header: known words to their field (each field used once, the first column
 * wins), anything else to a custom field of the same name, so no column's data is dropped unasked.
 */
export function suggestMapping(headers: readonly string[]): ColumnTarget[] {
  const used = new Set<ColumnTarget>();
  return headers.map((header) => {
    const folded = foldText(header);
    if (!folded) return 'ignore';
    const field = WORD_TO_FIELD.get(folded) ?? fieldByFirstWords(folded);
    const target: ColumnTarget = field && !used.has(field) ? field : `custom:${customKey(header)}`;
    if (used.has(target)) return 'ignore';
    used.add(target);
    return target;
  });
}

export interface LeadCandidate {
  name: string;
  company?: string;
  email?: string;
  phone?: string;
  value?: number;
  source?: string;
  tags?: string[];
  notes?: string;
  stageId?: string;
  ownerId?: string;
  custom?: Record<string, string>;
}

export interface RowProblem {
  column: string;
  message: string;
}

export type RowResult = { ok: true; lead: LeadCandidate } | { ok: false; problems: RowProblem[] };

export interface RowContext {
  headers: readonly string[];
  mapping: readonly ColumnTarget[];
  /** Stage names (folded) to ids on this board. */
  stagesByName: ReadonlyMap<string, string>;
  /** Members' e-mails (lower-case) to user ids. */
  membersByEmail: ReadonlyMap<string, string>;
  defaultSource: string;
}

const PHONE_MESSAGES = {
  empty: 'Phone is empty.',
  missing_area_code: 'Phone has no area code (DDD).',
  invalid: 'Phone is not a valid number.',
} as const;

const LIMITS = { name: 120, company: 120, source: 60, notes: 10_000, custom: 500, tag: 40 };

/** One row to a lead candidate, or every problem found in it. */
export function readImportRow(fields: readonly string[], ctx: RowContext): RowResult {
  const problems: RowProblem[] = [];
  const lead: Partial<LeadCandidate> = {};
  const custom: Record<string, string> = {};
  const tooLong = (column: string, text: string, max: number) => {
    if (text.length <= max) return false;
    problems.push({ column, message: `At most ${max} characters.` });
    return true;
  };
  ctx.mapping.forEach((target, index) => {
    const column = ctx.headers[index] ?? `#${index + 1}`;
    const text = (fields[index] ?? '').trim();
    if (target === 'ignore' || !text) return;
    if (target.startsWith('custom:')) {
      if (!tooLong(column, text, LIMITS.custom)) custom[target.slice('custom:'.length)] = text;
      return;
    }
    switch (target as ImportField) {
      case 'name':
      case 'company':
      case 'source':
      case 'notes':
        if (!tooLong(column, text, LIMITS[target as 'name'])) lead[target as 'name'] = text;
        return;
      case 'email': {
        const email = normalizeEmail(text);
        if (email.ok) lead.email = email.email;
        else problems.push({ column, message: 'E-mail is not a valid address.' });
        return;
      }
      case 'phone': {
        const phone = normalizePhone(text);
        if (phone.ok) lead.phone = phone.phone.e164;
        else problems.push({ column, message: PHONE_MESSAGES[phone.reason] });
        return;
      }
      case 'value': {
        // In cents, as before the one money module: the import does not know the board's currency.
        const minor = parseMoney(text, 'BRL');
        if (minor === null)
          problems.push({ column, message: 'Value is not an amount (e.g. 1.500,00).' });
        else lead.value = minor;
        return;
      }
      case 'tags': {
        const tags = [
          ...new Set(
            text
              .split(/[,;|]/)
              .map((t) => t.trim())
              .filter(Boolean),
          ),
        ];
        if (tags.some((t) => t.length > LIMITS.tag))
          problems.push({ column, message: `Each tag at most ${LIMITS.tag} characters.` });
        else lead.tags = tags;
        return;
      }
      case 'stage': {
        const stageId = ctx.stagesByName.get(foldText(text));
        if (stageId) lead.stageId = stageId;
        else problems.push({ column, message: `No stage named "${text}" on this board.` });
        return;
      }
      case 'owner': {
        const ownerId = ctx.membersByEmail.get(text.toLowerCase());
        if (ownerId) lead.ownerId = ownerId;
        else problems.push({ column, message: `"${text}" is not a member's e-mail.` });
        return;
      }
    }
  });
  if (!problems.length && !lead.name && !lead.email && !lead.phone)
    problems.push({ column: '', message: 'The row needs a name, an e-mail or a phone.' });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    lead: {
      ...lead,
      name: lead.name ?? lead.email ?? formatPhone(lead.phone!),
      source: lead.source ?? ctx.defaultSource,
      ...(Object.keys(custom).length ? { custom } : {}),
    },
  };
}
