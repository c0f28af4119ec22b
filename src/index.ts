// Package entry (Node API): the scoring engine and the workbook checker, without Excel.
export { scoreIndicator, executionRate, executionScore, grade, deviation, needsReason } from './core/api';
export { checkWorkbook, findTables } from './core/publicCheck';
export { PeInputError } from './core/errors';
export { buildSummary } from './core/summary';
export { planHighlights } from './core/highlight';
export { buildReport } from './core/report';
export type { Report, ReportFile } from './core/report';
export { profiles, getProfile, mof2020, gx130 } from './core/profile';
export type { RuleProfile } from './core/profile';
export type * from './core/types';
