// Rule profiles: every number RULES.md marks *(profile)* lives here as data, never in code.
import { own } from './own';

export type ReverseMethod = 'linear' | 'ratio';

export interface QualitativeBand {
  /** Inclusive lower bound as a fraction of the weight. */
  min: number;
  /** Upper bound as a fraction of the weight; inclusive only for the 达成 band (max = 1). */
  max: number;
}

export interface RuleProfile {
  name: string;
  /** Chinese label shown in the pane and reports. */
  label: string;
  /** Weight of the budget execution row (预算执行率). */
  executionWeight: number;
  /** A 正向 indicator with actual ≥ overTarget × target is reported as over-achieved. */
  overTarget: number;
  /** 反向 scoring method between t and 2t. */
  reverse: ReverseMethod;
  /** Budget rate below this needs an explanation (execrate-low). */
  execRateLow: number;
  /**
   * An entered 执行率 carrying more than 4 decimals in percent (a formula's result) may differ from
   * the exact rate by less than this; shorter ones must equal the rate rounded as written (RULES §7).
   */
  execRateTolerance: number;
  /** Score PE.SCORE gives each qualitative tier, as a fraction of the weight. */
  qualitativeScore: { met: number; partial: number; unmet: number };
  /** Entered scores the validator accepts for each qualitative tier, as fractions of the weight. */
  qualitativeBands: { met: QualitativeBand; partial: QualitativeBand; unmet: QualitativeBand };
  /** Standard weights of the blocks; the total is their sum plus executionWeight. */
  levelWeights: { output: number; effect: number; satisfaction: number };
  totalWeight: number;
  /** Grade thresholds: total ≥ 优 → 优, ≥ 良 → 良, ≥ 中 → 中, else 差. */
  grades: { excellent: number; good: number; pass: number };
}

export const mof2020: RuleProfile = {
  name: 'mof2020',
  label: '财政部 2020（财预〔2020〕10号）',
  executionWeight: 10,
  overTarget: 1.2,
  reverse: 'linear',
  execRateLow: 0.9,
  execRateTolerance: 0.0001,
  qualitativeScore: { met: 1, partial: 0.7, unmet: 0.3 },
  qualitativeBands: {
    met: { min: 0.8, max: 1 },
    partial: { min: 0.6, max: 0.8 },
    unmet: { min: 0, max: 0.6 },
  },
  levelWeights: { output: 50, effect: 30, satisfaction: 10 },
  totalWeight: 100,
  grades: { excellent: 90, good: 80, pass: 60 },
};

/** Provinces that treat over-achievement from 130 % (e.g. 广西). */
export const gx130: RuleProfile = {
  ...mof2020,
  name: 'gx130',
  label: '超额完成 130% 口径',
  overTarget: 1.3,
};

export const profiles: Record<string, RuleProfile> = { mof2020, gx130 };

/** Looks a profile up by name; undefined when unknown (adapters turn that into a Chinese error). */
export function getProfile(name: string): RuleProfile | undefined {
  return own(profiles, name);
}

/** A profile with some settings changed (the pane's settings panel). */
export function withOverrides(base: RuleProfile, overrides: Partial<Pick<RuleProfile, 'overTarget' | 'reverse'>>): RuleProfile {
  return { ...base, ...overrides };
}
