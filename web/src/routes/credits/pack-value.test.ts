import { describe, expect, it } from 'vitest';
import { packValues } from './pack-value.ts';

describe('packValues', () => {
  it('prices each credit and the saving of bigger packs, rounded down', () => {
    const values = packValues([
      { id: 'pack-500', credits: 500, amountMinor: 4900 },
      { id: 'pack-2000', credits: 2000, amountMinor: 17900 },
      { id: 'pack-10000', credits: 10000, amountMinor: 79900 },
    ]);
    expect(values.get('pack-500')).toEqual({ perCreditMinor: 9.8, savingPercent: 0 });
    expect(values.get('pack-2000')).toEqual({ perCreditMinor: 8.95, savingPercent: 8 });
    expect(values.get('pack-10000')).toEqual({ perCreditMinor: 7.99, savingPercent: 18 });
  });

  it('measures savings against the dearest credit, whatever the order', () => {
    const values = packValues([
      { id: 'big', credits: 1000, amountMinor: 5000 },
      { id: 'small', credits: 100, amountMinor: 1000 },
    ]);
    expect(values.get('small')!.savingPercent).toBe(0);
    expect(values.get('big')!.savingPercent).toBe(50);
  });

  it('an exact saving is not lost to float noise', () => {
    // 0.82 / 1 is 0.8199999999999999 in floating point.
    const values = packValues([
      { id: 'a', credits: 100, amountMinor: 100 },
      { id: 'b', credits: 100, amountMinor: 82 },
    ]);
    expect(values.get('b')!.savingPercent).toBe(18);
  });
});
