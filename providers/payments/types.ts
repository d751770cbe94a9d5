/**
 * @module The payments interface: a hosted checkout for packs and plans (card, and in BRL also
 * PIX and boleto: see methods.ts), an off-session charge of a saved card (auto-recharge), the
 * card a checkout saved, and the customer an invoice is made out to. Both adapters report
 * payments to the same webhook as Stripe-signed events (see worker/routes/billing.ts).
 */
import type { TaxIdKind } from '../../schema/inputs/billing-details.ts';

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
  /**
   * The customer already carries the org's CPF/CNPJ and address (see `saveCustomer`); without
   * them the provider's page asks for both, as a boleto and the invoice need them.
   */
  billingDetailsOnFile: boolean;
  /** This Worker's origin: the sandbox serves its checkout page there. */
  origin: string;
}

/** Who invoices are made out to, as the provider's customer record holds it. */
export interface CustomerDetails {
  orgId: string;
  /** The provider's customer from an earlier checkout or save, updated in place. */
  customerId?: string;
  email?: string;
  /** Razão social, or the person's full name for a CPF. */
  legalName: string;
  taxId: { kind: TaxIdKind; value: string };
  address: {
    line1: string;
    line2: string;
    city: string;
    /** UF, e.g. SP. */
    state: string;
    postalCode: string;
    country: 'BR';
  };
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
  /**
   * The card a completed payment used, saved for later off-session charges; null when it was paid
   * another way (a PIX or a boleto cannot be charged again without the payer).
   */
  savedCardOf(paymentIntentId: string): Promise<string | null>;
  /** Creates or updates the provider's customer with these details; returns its id. */
  saveCustomer(details: CustomerDetails): Promise<string>;
}
