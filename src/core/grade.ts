// RULES §3 评价等次 from the total score; thresholds come from the profile.
import type Decimal from 'decimal.js';
import type { RuleProfile } from './profile';
import type { Grade } from './types';

export function gradeOf(total: Decimal, profile: RuleProfile): Grade {
  const g = profile.grades;
  if (total.gte(g.excellent)) return '优';
  if (total.gte(g.good)) return '良';
  if (total.gte(g.pass)) return '中';
  return '差';
}
