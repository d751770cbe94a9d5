/**
 * @module The autopilot's org settings (mode, targets, minimum data, scaling, caps, approval
 * threshold, creative rotation), their defaults, and the rule version stamped on every decision.
 *
 * Every threshold is an integer in the unit people use for it (ROAS as a percent: 150 = 1.5×;
 * CTR/CVR in basis points: 150 = 1.5%; money in minor units of the org currency), so rules
 * compare exactly — "at the threshold" is never decided by floating-point rounding.
 *
 * Interface for callers: `AutopilotSettings`, `DEFAULT_AUTOPILOT_SETTINGS`,
 * `autopilotSettings(overrides)` (defaults merged per group), `AUTOPILOT_RULE_VERSION`.
 */

/** Bump when any rule's behaviour changes: the audit log records which rules made a decision. */
export const AUTOPILOT_RULE_VERSION = 'autopilot-rules/1';

/**
 * DRY_RUN: decisions are recorded, nothing is sent. APPROVAL: changes become proposals a person
 * approves or rejects. AUTO: changes are executed (except those needing approval in every mode).
 */
export const AUTOPILOT_MODES = ['DRY_RUN', 'APPROVAL', 'AUTO'] as const;
export type AutopilotMode = (typeof AUTOPILOT_MODES)[number];

export interface PerformanceTargets {
  /** Winner needs ROAS at or above this, as a percent (150 = revenue 1.5× spend). */
  minRoasPercent: number;
  /** Winner needs CTR at or above this, in basis points (150 = 1.5%). */
  minCtrBasisPoints: number;
  /** Winner needs CVR (conversions per click) at or above this, in basis points (200 = 2%). */
  minCvrBasisPoints: number;
  /** Winner needs CPA at or below this percent of its own AOV (40 = 0.4 × AOV). */
  maxCpaPercentOfAov: number;
}

/** Nothing is judged before it has this much data: early numbers are mostly noise. */
export interface MinimumData {
  impressions: number;
  hoursLive: number;
  spendMinor: number;
}

/**
 * Per level: pausing an ad set stops every creative in an audience, so it waits for about ten
 * times the spend an ad needs before its own verdict.
 */
export interface MinimumDataByLevel {
  ad: MinimumData;
  adSet: MinimumData;
}

export interface ScalingRules {
  /** A winner's daily budget grows by this percent per raise (rounded down to a minor unit). */
  raisePercent: number;
  /** At most one raise per this many hours; any budget change (raise or rollback) restarts it. */
  minHoursBetweenRaises: number;
  /** Never raise above this multiple of the ad set's initial daily budget. */
  maxMultipleOfInitialBudget: number;
  /** Roll a raise back when ROAS since the raise is more than this percent below ROAS before. */
  rollbackRoasDropPercent: number;
  /** How long a raise runs before its ROAS is compared with the ROAS before it. */
  rollbackAfterHours: number;
  /** The window before a raise whose ROAS is the comparison point (the caller sums it). */
  compareWindowHours: number;
}

export interface StopLossRules {
  /**
   * Delayed conversions keep arriving after a stop-loss pause; within this many hours a paused
   * entity whose ROAS climbs back to the target is revived.
   */
  reviveWindowHours: number;
}

export interface SpendCaps {
  /** Actual spend per org calendar day, minor units. Reaching it pauses everything. */
  dailyMinor: number;
  /** Actual spend per org calendar week (Monday to Sunday), minor units. */
  weeklyMinor: number;
  /** Warn when actual spend reaches this percent of a cap. */
  warnAtPercent: number;
}

export interface CreativeRotation {
  /** The best creatives of an ad set (by ROAS) that are always kept running. */
  keepTop: number;
  /** Extra slots per ad set for new creatives being tested beside the kept ones. */
  testSlots: number;
  /** New creatives requested per ad set and cycle, at most. */
  maxRequestsPerCycle: number;
}

export interface AutopilotSettings {
  mode: AutopilotMode;
  /** ISO 4217 code of the org currency every *Minor amount is in. */
  currency: string;
  targets: PerformanceTargets;
  minimumData: MinimumDataByLevel;
  scaling: ScalingRules;
  stopLoss: StopLossRules;
  caps: SpendCaps;
  /**
   * A change that may raise daily spend by more than this (minor units) needs a person's
   * approval in every mode. Changes that lower spend never wait: waiting keeps spending.
   */
  approvalThresholdMinor: number;
  creatives: CreativeRotation;
}

export const DEFAULT_AUTOPILOT_SETTINGS: Readonly<AutopilotSettings> = Object.freeze({
  mode: 'APPROVAL',
  currency: 'BRL',
  targets: {
    minRoasPercent: 150,
    minCtrBasisPoints: 150,
    minCvrBasisPoints: 200,
    maxCpaPercentOfAov: 40,
  },
  minimumData: {
    ad: { impressions: 1_000, hoursLive: 24, spendMinor: 3_000 },
    adSet: { impressions: 1_000, hoursLive: 24, spendMinor: 30_000 },
  },
  scaling: {
    raisePercent: 20,
    minHoursBetweenRaises: 48,
    maxMultipleOfInitialBudget: 3,
    rollbackRoasDropPercent: 20,
    rollbackAfterHours: 24,
    compareWindowHours: 48,
  },
  stopLoss: { reviveWindowHours: 72 },
  caps: { dailyMinor: 30_000, weeklyMinor: 150_000, warnAtPercent: 80 },
  approvalThresholdMinor: 10_000,
  creatives: { keepTop: 3, testSlots: 1, maxRequestsPerCycle: 2 },
});

export type AutopilotSettingsOverrides = Partial<{
  [K in keyof AutopilotSettings]: K extends 'minimumData'
    ? { ad?: Partial<MinimumData>; adSet?: Partial<MinimumData> }
    : AutopilotSettings[K] extends object
      ? Partial<AutopilotSettings[K]>
      : AutopilotSettings[K];
}>;

/** The defaults with an org's stored overrides merged group by group. */
export function autopilotSettings(overrides: AutopilotSettingsOverrides = {}): AutopilotSettings {
  const d = DEFAULT_AUTOPILOT_SETTINGS;
  return {
    mode: overrides.mode ?? d.mode,
    currency: overrides.currency ?? d.currency,
    targets: { ...d.targets, ...overrides.targets },
    minimumData: {
      ad: { ...d.minimumData.ad, ...overrides.minimumData?.ad },
      adSet: { ...d.minimumData.adSet, ...overrides.minimumData?.adSet },
    },
    scaling: { ...d.scaling, ...overrides.scaling },
    stopLoss: { ...d.stopLoss, ...overrides.stopLoss },
    caps: { ...d.caps, ...overrides.caps },
    approvalThresholdMinor: overrides.approvalThresholdMinor ?? d.approvalThresholdMinor,
    creatives: { ...d.creatives, ...overrides.creatives },
  };
}
