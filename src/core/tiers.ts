// RULES §2 / §7 qualitative tiers as data: the words people write in 实际完成值 to say how far a
// qualitative target was reached. score.ts builds its matchers from these lists; extend them here.

/** Tried first: any of these (or the target negated) makes the row 未达成. */
export const unmetWords: readonly string[] = [
  '未达标', '未完成', '未达到', '未达成', '不达标', '不合格', '不符合', '不及格', '较差', '很差', '不满意', '未开展', '未实现',
  '未落实', '未按时', '未通过', '未建成', '没有完成', '没有达到', '没达到', '未能', '失败', '未取得', '无进展', '滞后',
];
/** A 差 that is its own word (差, 较差) and not part of 无偏差 / 误差 / 时差 / 差距 / 差异. */
export const unmetPatterns: readonly string[] = ['^否', '(?:^|[^无偏误时落零])差(?![错距异])'];

/** Tried second: 部分达成. */
export const partialWords: readonly string[] = [
  '基本', '部分', '较好', '一般', '尚可', '有待', '大部分', '逐步', '初步',
];

/**
 * Tried last: 达成. Generic outcome phrases of published tables (达成预期指标, 达到预期, 实现预期目标,
 * 已达成, 符合要求 …) are covered by their verbs.
 */
export const metWords: readonly string[] = [
  '达成', '达标', '达到', '完成', '合格', '符合', '优', '良好', '好', '满意', '正常', '是', '有', '无', '零', '已', '提高', '提升',
  '改善', '增强', '加强', '有效', '显著', '明显', '到位', '落实', '实现', '及时', '按时', '按期', '如期', '建成', '建立', '通过',
  '满足', '稳定', '不错', '保障', '全覆盖', '圆满', 'TRUE',
];

/** Plain "no" answers: 未达成 unless the target itself is a "无…" statement (无污染 → 无 is met). */
export const bareNoWords: readonly string[] = ['无', '没有', '否', 'FALSE', 'N', 'No', 'NO'];

/**
 * Targets that ask for "on time" without naming the time (RULES §7 deadlines): an actual month or
 * date says when it was done, which is 达成 unless it is negated.
 */
export const onTimeTargetWords: readonly string[] = [
  '按时', '及时', '按期', '如期', '按计划', '计划时间内', '计划完成时间内', '规定时间内', '规定期限内', '合同约定时间内',
];
