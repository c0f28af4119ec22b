// The REPORT.md JSON document: a stable contract for scripts, tests and the task pane's export.
import type { Finding, TableReport } from './types';

export interface ReportFile {
  file: string;
  /** Chinese message when the file could not be read; null otherwise. */
  error: string | null;
  tables: TableReport[];
  findings: Finding[];
  /** Chinese notes about the run for this file (e.g. highlighted copy not written and why). */
  notices?: string[];
}

export interface Report {
  version: 1;
  profile: string;
  files: ReportFile[];
  summary: { files: number; tables: number; errors: number; warnings: number; infos: number };
}

export function buildReport(profile: string, files: ReportFile[]): Report {
  const summary = { files: files.length, tables: 0, errors: 0, warnings: 0, infos: 0 };
  for (const f of files) {
    summary.tables += f.tables.length;
    for (const finding of f.findings) {
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.infos++;
    }
  }
  return { version: 1, profile, files, summary };
}
