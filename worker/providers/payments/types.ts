/**
 * @module The payments interface: a hosted checkout for packs and plans, an off-session charge of
 * a saved card (auto-recharge), and reading the card a checkout saved. Both adapters report
 * payments to the same webhook as Stripe-signed events (see worker/routes/billing.ts).
 */

export interface CheckoutRequest {
  orgId: string;
  kind: 'pack' | 'plan';
  itemId: string;
  credits: number;
  amountMinor: number;
  currency: string;
  /** Where the person returns after paying or giving up. */
  successUrl: string;
  cancelUrl: string;
  /** The provider's customer from an earlier checkout, so saved cards stay together. */
  customerId?: string;
  customerEmail?: string;
  /** This Worker's origin: the sandbox serves its checkout page there. */
  origin: string;
}

export interface CheckoutSession {
  id: string;
  url: string;
}

export interface OffSessionCharge {
  customerId: string;
  paymentMethodId: string;
  amountMinor: number;
  currency: string;
  /** Sent as the provider's idempotency key: a retried charge is the same charge. */
  idempotencyKey: string;
  metadata: Record<string, string>;
}

export interface ChargeResult {
  /** The payment's id (a PaymentIntent), also when it failed. */
  id: string;
  status: 'succeeded' | 'requires_action' | 'failed';
  error?: string;
}

export interface PaymentsProvider {
  readonly name: 'stripe' | 'sandbox';
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  chargeOffSession(charge: OffSessionCharge): Promise<ChargeResult>;
  /** The card a completed payment used, saved for later off-session charges. */
  paymentMethodOf(paymentIntentId: string): Promise<string | null>;
}
