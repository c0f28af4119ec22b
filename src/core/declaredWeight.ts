// A weight a label declares: 产出指标(50分), 年度绩效目标1 (80分), 得分(20分*执行率) (RULES §8).
import { D } from './decimal';
import type { Decimal } from './decimal';

/** "产出指标(50分)" → 50; null when the label declares no weight. */
export function declaredWeight(label: string): Decimal | null {
  const m = /(\d+(?:\.\d+)?)\s*分/.exec(label.replace(/[\s\u3000]+/g, ''));
  return m ? new D(m[1]) : null;
}
