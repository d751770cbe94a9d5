import { describe, expect, it } from 'vitest';
import { contactLinks } from './contact-links.ts';

describe('contactLinks', () => {
  it.each([
    ['(11) 98765-4321', 'https://wa.me/5511987654321', 'tel:+5511987654321'],
    ['+55 11 98765 4321', 'https://wa.me/5511987654321', 'tel:+5511987654321'],
    // An old 8-digit mobile gets its 9th digit, as WhatsApp needs.
    ['(21) 8765-4321', 'https://wa.me/5521987654321', 'tel:+5521987654321'],
    ['11 3456-7890', 'https://wa.me/551134567890', 'tel:+551134567890'],
    ['+1 415 555 2671', 'https://wa.me/14155552671', 'tel:+14155552671'],
  ])('phone %j', (phone, whatsapp, call) => {
    expect(contactLinks({ phone, email: '' })).toEqual({ whatsapp, call, email: null });
  });

  it.each(['', '98765-4321', 'ramal 12', '123'])('no phone links for %j', (phone) => {
    expect(contactLinks({ phone, email: '' })).toMatchObject({ whatsapp: null, call: null });
  });

  it('links an e-mail that looks like one, escaped for the address bar', () => {
    expect(contactLinks({ phone: '', email: ' ana+vip@empresa.com.br ' }).email).toBe(
      'mailto:ana%2Bvip@empresa.com.br',
    );
    expect(contactLinks({ phone: '', email: 'ana@' }).email).toBeNull();
  });
});
