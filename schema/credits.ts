/**
 * @module Credits in D1: the mirror of every ledger entry (the CreditLedger Durable Object is the
 * source of truth; these rows feed statements and usage reports), each org's saved payment
 * details for auto-recharge, and who its invoices are made out to.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CREDIT_ENTRY_KINDS } from '../domain/credits/entries.ts';
import { createdAt, orgId, timestamp } from './columns.ts';

/** What a capture consumed, for usage reports: the price version it was charged at never changes. */
export interface CreditUsage {
  provider: string;
  model: string;
  priceVersion: string;
  /** What was consumed, e.g. {inputTokens: 812, outputTokens: 240} or {images: 1}. */
  units: Record<string, number>;
  cached?: boolean;
}

/** Written only by the ledger's mirror, insert-or-ignore by id: a repeated copy changes nothing. */
export const creditEntries = sqliteTable(
  'credit_entries',
  {
    id: text('id').primaryKey(),
    orgId: orgId(),
    /** The entry's position in the org's ledger: statements are ordered by it. */
    seq: integer('seq').notNull(),
    kind: text('kind', { enum: CREDIT_ENTRY_KINDS }).notNull(),
    /** The amount shown on the statement (always ≥ 0); `balanceDelta` is its signed effect. */
    credits: integer('credits').notNull(),
    balanceDelta: integer('balance_delta').notNull(),
    balanceAfter: integer('balance_after').notNull(),
    heldAfter: integer('held_after').notNull(),
    holdId: text('hold_id'),
    memberId: text('member_id'),
    actorId: text('actor_id'),
    reason: text('reason'),
    provider: text('provider'),
    model: text('model'),
    priceVersion: text('price_version'),
    usage: text('usage', { mode: 'json' }).$type<CreditUsage>(),
    meta: text('meta', { mode: 'json' }).$type<Record<string, unknown>>(),
    /** The payment a purchase or refund belongs to, so refund events find their org. */
    paymentRef: text('payment_ref'),
    idempotencyKey: text('idempotency_key').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('credit_entries_org_seq').on(t.orgId, t.seq),
    index('credit_entries_org_kind_created').on(t.orgId, t.kind, t.createdAt),
    index('credit_entries_payment').on(t.paymentRef),
  ],
);

/** The payment provider's customer and the card saved at checkout, for off-session top-ups. */
export const billingAccounts = sqliteTable('billing_accounts', {
  orgId: orgId().primaryKey(),
  provider: text('provider').notNull(),
  customerId: text('customer_id').notNull(),
  paymentMethodId: text('payment_method_id'),
  updatedAt: timestamp('updated_at').notNull(),
});

/** Who the org's invoices are made out to (nota fiscal); also sent to the payments provider. */
export const billingDetails = sqliteTable('billing_details', {
  orgId: orgId().primaryKey(),
  taxIdKind: text('tax_id_kind', { enum: ['cpf', 'cnpj'] }).notNull(),
  /** Digits only (letters too in an alphanumeric CNPJ), without the mask. */
  taxId: text('tax_id').notNull(),
  /** Razão social, or the person's full name for a CPF. */
  legalName: text('legal_name').notNull(),
  /** CEP, 8 digits. */
  postalCode: text('postal_code').notNull(),
  street: text('street').notNull(),
  number: text('number').notNull(),
  complement: text('complement').notNull().default(''),
  district: text('district').notNull(),
  city: text('city').notNull(),
  /** UF, e.g. SP. */
  state: text('state').notNull(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at').notNull(),
});
