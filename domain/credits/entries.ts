/**
 * @module The kinds of credit ledger entry and the reasons credits move, as stable codes with the
 * English each reads as for API clients; the web words them in the reader's language.
 */

export const CREDIT_ENTRY_KINDS = [
  'grant',
  'purchase',
  'hold',
  'capture',
  'release',
  'refund',
  'adjustment',
  'expiry',
] as const;

/**
 * Why credits moved, as a stable code the statement words in the reader's language (the web
 * translates it), with the English each code reads as for API clients. `{credits}` is the entry's
 * amount; other placeholders come from the entry's `reasonParams`.
 */
export const CREDIT_REASONS = {
  welcome: 'Welcome credits',
  demo: 'Demo credits',
  'studio.generation': 'Studio {modality} generation',
  'hold.unused': 'Unused part of the hold',
  'hold.released': 'Hold released',
  'hold.expired': 'Hold expired',
  'pack.purchase': 'Credit pack of {credits} credits',
  'plan.credits': 'Monthly credits of the {plan} plan',
  recharge: 'Auto-recharge',
  refund: 'Payment refunded',
  'grant.expired': 'Granted credits expired',
  adjustment: 'Adjustment: {note}',
  benchmark: 'Benchmark',
} as const satisfies Record<string, string>;
export type CreditReason = keyof typeof CREDIT_REASONS;

/** The English for a reason; a reason stored before reasons became codes is its own text. */
export function creditReasonText(
  reason: string,
  params: Record<string, string | number> = {},
): string {
  const text: string = CREDIT_REASONS[reason as CreditReason] ?? reason;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
