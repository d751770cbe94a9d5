/**
 * @module Which ways to pay a checkout offers, the same for Stripe and the sandbox. Brazilian
 * buyers expect PIX and boleto beside the card; Stripe offers both only when every line item is
 * priced in BRL, Pix only for one-time items (recurring "Pix Automático" is not offered to
 * Brazilian accounts), boleto for one-time items and subscriptions. Other currencies: card only.
 */

export type PaymentMethod = 'card' | 'pix' | 'boleto';

/** A Pix QR code is good for an hour: long enough to open the bank app, short enough to not linger. */
export const PIX_EXPIRES_AFTER_SECONDS = 60 * 60;
/** A boleto can be paid for three calendar days (Stripe's default), then it lapses unpaid. */
export const BOLETO_EXPIRES_AFTER_DAYS = 3;

export function checkoutMethods(currency: string, kind: 'pack' | 'plan'): PaymentMethod[] {
  if (currency.toUpperCase() !== 'BRL') return ['card'];
  return kind === 'plan' ? ['card', 'boleto'] : ['card', 'pix', 'boleto'];
}
