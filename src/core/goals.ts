// RULES §8 goal-copied: the 年度总体目标 block reports what was planned (预期目标) and what was
// done (实际完成情况). A result that repeats the goal word for word, or a blank where the template
// has the cell, reports nothing a reviewer can weigh.
import type { CellRef } from './findTables';
import type { GridView } from './grid';
import { goalTitles, labelIsNormalized } from './headers';

export interface GoalCells {
  goal: CellRef;
  result: CellRef;
}

export type GoalProblem = { kind: 'copied' | 'result-blank' | 'goal-blank' | 'both-blank'; at: CellRef };

/**
 * The cells under the 预期目标 and 实际完成情况 titles in rows from..to (the table's preamble):
 * each title's text cell is the row right under it, in the title's column.
 */
export function findGoals(view: GridView, from: number, to: number): GoalCells | null {
  for (let r = from; r < to; r++) {
    let goal = -1;
    let result = -1;
    for (let c = 0; c < view.rowLength(r); c++) {
      const t = view.label(r, c);
      if (!t || view.master(r, c).col !== c) continue;
      if (goal < 0 && labelIsNormalized(t, goalTitles.goal)) goal = c;
      else if (result < 0 && goal >= 0 && labelIsNormalized(t, goalTitles.result)) result = c;
    }
    if (goal >= 0 && result > goal) return { goal: view.master(r + 1, goal), result: view.master(r + 1, result) };
  }
  return null;
}

const comparable = (text: string): string => text.replace(/[\s\u3000]/g, '').replace(/[，。；：、]/g, (ch) => ({ '，': ',', '。': '.', '；': ';', '：': ':', '、': ',' })[ch] ?? ch);

/** What is wrong with the goal and its result, or null when the result says something of its own. */
export function goalProblem(view: GridView, cells: GoalCells): GoalProblem | null {
  const goal = comparable(view.text(cells.goal.row, cells.goal.col));
  const result = comparable(view.text(cells.result.row, cells.result.col));
  if (!goal && !result) return { kind: 'both-blank', at: cells.goal };
  if (!goal) return { kind: 'goal-blank', at: cells.goal };
  if (!result) return { kind: 'result-blank', at: cells.result };
  return goal === result ? { kind: 'copied', at: cells.result } : null;
}
