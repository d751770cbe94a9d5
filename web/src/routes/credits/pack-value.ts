/**
 * What each credit pack is worth: its price per credit, and what it saves against the dearest
 * credit in the catalog (the smallest pack). Savings round down, so a pack never promises more
 * than it gives.
 */
export interface PackPrice {
  id: string;
  credits: number;
  amountMinor: number;
}

export interface PackValue {
  /** Minor units per credit, fractional: R$ 49,00 for 500 credits is 9.8 centavos. */
  perCreditMinor: number;
  /** Whole percent saved per credit against the dearest pack; 0 for the dearest itself. */
  savingPercent: number;
}

export function packValues(packs: readonly PackPrice[]): Map<string, PackValue> {
  const perCredit = (pack: PackPrice) => pack.amountMinor / pack.credits;
  const dearest = Math.max(...packs.map(perCredit));
  return new Map(
    packs.map((pack) => [
      pack.id,
      {
        perCreditMinor: perCredit(pack),
        // The epsilon keeps 0.18 from flooring to 17 through float noise.
        savingPercent: Math.floor((1 - perCredit(pack) / dearest) * 100 + 1e-9),
      },
    ]),
  );
}
