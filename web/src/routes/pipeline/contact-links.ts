/**
 * How to reach a lead from its drawer: WhatsApp (`wa.me`, the number in E.164 digits) and a call
 * (`tel:`) for a phone number that parses, `mailto:` for an e-mail that looks like one. Phone
 * numbers are read by the same parser dedup uses, so "(11) 98765-4321" and "+55 11 98765 4321"
 * open the same chat.
 */
import { normalizePhone } from '../../../../domain/phone.ts';

export interface ContactLinks {
  whatsapp: string | null;
  call: string | null;
  email: string | null;
}

export function contactLinks(lead: { phone: string; email: string }): ContactLinks {
  const phone = normalizePhone(lead.phone);
  const email = lead.email.trim();
  return {
    whatsapp: phone.ok ? `https://wa.me/${phone.phone.e164.slice(1)}` : null,
    call: phone.ok ? `tel:${phone.phone.e164}` : null,
    email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)
      ? `mailto:${encodeURIComponent(email).replace('%40', '@')}`
      : null,
  };
}
