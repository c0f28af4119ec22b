// The sheet as a grid, with the flagged cells in the same colours as the marked copy, so that a
// finding is seen in its table. Only a window of rows is drawn (a sheet may hold thousands), centred
// on the cell being shown; merged areas span as in Excel; a cell's note is its tooltip.
import { Select, Text, makeStyles, tokens, useId } from '@fluentui/react-components';
import { memo, useEffect, useMemo, useRef } from 'react';
import { columnLetters, parseCellAddress } from '../core/address';
import { markFills } from '../core/highlight';
import type { CellMark, SheetGrid, SummaryModel } from '../core/types';
import { displayText } from '../core/values';
import type { PageText } from './i18n';

const WINDOW_ROWS = 120;
const MAX_COLS = 40;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  bar: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  select: { minWidth: '10em', maxWidth: '100%' },
  scroller: {
    overflow: 'auto',
    maxHeight: '70vh',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: '#FFFFFF',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  table: { borderCollapse: 'collapse', fontSize: '12px', lineHeight: '16px', color: '#1F1F1F' },
  head: { position: 'sticky', top: 0, zIndex: 1, backgroundColor: '#F3F3F3', color: '#424242', fontWeight: 'normal', border: '1px solid #D1D1D1', padding: '0 4px' },
  rowHead: { position: 'sticky', left: 0, backgroundColor: '#F3F3F3', color: '#424242', fontWeight: 'normal', border: '1px solid #D1D1D1', padding: '0 4px', textAlign: 'right', whiteSpace: 'nowrap' },
  cell: { border: '1px solid #E0E0E0', padding: '1px 4px', verticalAlign: 'top', maxWidth: '18em', minWidth: '2.5em', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  current: { outline: '3px solid #0F6CBD', outlineOffset: '-2px' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalM}`, margin: 0, padding: 0, listStyleType: 'none', fontSize: tokens.fontSizeBase200 },
  swatch: { display: 'inline-block', width: '1.4em', height: '1em', marginRight: '4px', verticalAlign: 'middle', border: '1px solid #8A8A8A' },
  swatchCurrent: { display: 'inline-block', width: '1.4em', height: '1em', marginRight: '4px', verticalAlign: 'middle', outline: '3px solid #0F6CBD', outlineOffset: '-2px', backgroundColor: '#FFFFFF' },
  link: { color: tokens.colorBrandForegroundLink, textDecorationLine: 'underline', cursor: 'pointer', background: 'none', border: 'none', padding: 0, font: 'inherit', textAlign: 'left' },
});

/** The cell on show: `nonce` changes on every 定位, so the same cell is scrolled to again. */
export interface PreviewTarget {
  sheet: string;
  cell: string;
  nonce: number;
}

export const SUMMARY_PAGE = '\u0000summary';

interface Props {
  text: PageText;
  grids: SheetGrid[];
  summary: SummaryModel | null;
  marks: CellMark[];
  sheet: string;
  target: PreviewTarget | null;
  onSheet: (sheet: string) => void;
  onLink: (sheet: string, cell: string) => void;
}

export function Legend({ text }: { text: PageText }) {
  const s = useStyles();
  const items: [string, string][] = [
    [markFills.error, text.legend.error],
    [markFills.warning, text.legend.warning],
    [markFills.info, text.legend.info],
    [markFills.reason, text.legend.reason],
  ];
  return (
    <ul className={s.legend} aria-label={text.legendTitle} data-testid="legend">
      {items.map(([fill, label]) => (
        <li key={fill}>
          <span className={s.swatch} style={{ backgroundColor: `#${fill}` }} aria-hidden="true" />
          {label}
        </li>
      ))}
      <li>
        <span className={s.swatch} style={{ boxShadow: `inset 4px 0 0 #${markFills.error}` }} aria-hidden="true" />
        {text.legend.block}
      </li>
      <li>
        <span className={s.swatchCurrent} aria-hidden="true" />
        {text.legend.current}
      </li>
    </ul>
  );
}

export const SheetPreview = memo(function SheetPreview({ text, grids, summary, marks, sheet, target, onSheet, onLink }: Props) {
  const s = useStyles();
  const selectId = useId('pe-preview-sheet');
  const scroller = useRef<HTMLDivElement>(null);
  const grid = grids.find((g) => g.name === sheet) ?? null;
  const here = target && target.sheet === sheet ? parseCellAddress(target.cell) : null;

  useEffect(() => {
    if (!here || !scroller.current) return;
    const el = scroller.current.querySelector<HTMLElement>('[data-current="true"]');
    el?.scrollIntoView({ block: 'center', inline: 'center' });
    // the scroll is all: focus stays in the list the user is working through
  }, [target?.nonce, sheet]);

  return (
    <section className={s.root} aria-labelledby="pe-preview-title" data-testid="preview">
      <div className={s.bar}>
        <h2 id="pe-preview-title" className={s.heading}>
          {text.previewTitle}
        </h2>
        <label htmlFor={selectId}>
          <Text size={200}>{text.previewSheet}</Text>
        </label>
        <Select id={selectId} className={s.select} value={sheet} onChange={(_, d) => onSheet(d.value)} data-testid="preview-sheet">
          {grids.map((g) => (
            <option key={g.name} value={g.name}>
              {g.name}
            </option>
          ))}
          {summary && <option value={SUMMARY_PAGE}>{text.summarySheet}</option>}
        </Select>
      </div>
      <Legend text={text} />
      {here && target && (
        <Text size={200} aria-live="polite" data-testid="preview-current">
          {text.previewCell(`${target.sheet}!${target.cell}`)}
        </Text>
      )}
      {sheet === SUMMARY_PAGE && summary ? (
        <SummaryGrid model={summary} label={text.summarySheet} scrollerRef={scroller} onLink={onLink} />
      ) : grid ? (
        <Grid grid={grid} marks={marks} here={here} text={text} scrollerRef={scroller} />
      ) : (
        <Text>{text.previewEmpty}</Text>
      )}
    </section>
  );
});

interface Span {
  rowSpan: number;
  colSpan: number;
}

function Grid({ grid, marks, here, text, scrollerRef }: { grid: SheetGrid; marks: CellMark[]; here: { row: number; col: number } | null; text: PageText; scrollerRef: React.RefObject<HTMLDivElement | null> }) {
  const s = useStyles();
  const rows = grid.values.length;
  const cols = Math.min(MAX_COLS, grid.values.reduce((m, r) => Math.max(m, r?.length ?? 0), 0));
  const from = here ? Math.max(0, Math.min(here.row - WINDOW_ROWS / 2, rows - WINDOW_ROWS)) : 0;
  const to = Math.min(rows, from + WINDOW_ROWS);
  const byCell = useMemo(() => {
    const m = new Map<string, CellMark>();
    for (const mark of marks) if (mark.sheet === grid.name) m.set(`${mark.row},${mark.col}`, mark);
    return m;
  }, [marks, grid.name]);
  const { spans, covered } = useMemo(() => {
    const spans = new Map<string, Span>();
    const covered = new Set<string>();
    for (const m of grid.merges) {
      const top = Math.max(m.top, from);
      const bottom = Math.min(m.bottom, to - 1);
      if (top > bottom || m.left >= cols) continue;
      const right = Math.min(m.right, cols - 1);
      spans.set(`${top},${m.left}`, { rowSpan: bottom - top + 1, colSpan: right - m.left + 1 });
      for (let r = top; r <= bottom; r++) for (let c = m.left; c <= right; c++) if (r !== top || c !== m.left) covered.add(`${r},${c}`);
    }
    return { spans, covered };
  }, [grid.merges, from, to, cols]);

  if (rows === 0 || cols === 0) return <Text>{text.previewEmpty}</Text>;
  // A mark sits on a merged area's first cell; the cell shown is that area's first cell too.
  const body = [];
  for (let r = from; r < to; r++) {
    const cells = [];
    for (let c = 0; c < cols; c++) {
      const key = `${r},${c}`;
      if (covered.has(key)) continue;
      const span = spans.get(key);
      const mark = byCell.get(key);
      const isHere = here !== null && here.row === r && here.col === c;
      const value = grid.values[r]?.[c] ?? null;
      cells.push(
        <td
          key={c}
          className={isHere ? `${s.cell} ${s.current}` : s.cell}
          rowSpan={span?.rowSpan}
          colSpan={span?.colSpan}
          style={markStyle(mark)}
          title={mark?.note}
          data-cell={`${columnLetters(c)}${r + 1}`}
          data-fill={mark && !mark.noteOnly ? mark.fill : undefined}
          data-note-only={mark?.noteOnly ? 'true' : undefined}
          data-current={isHere ? 'true' : undefined}
          aria-current={isHere ? 'true' : undefined}
        >
          {displayText(value, grid.numberFormats?.[r]?.[c] ?? null)}
        </td>,
      );
    }
    body.push(
      <tr key={r}>
        <th scope="row" className={s.rowHead}>
          {r + 1}
        </th>
        {cells}
      </tr>,
    );
  }
  return (
    <>
      {rows > WINDOW_ROWS && <Text size={200}>{text.previewRows(from + 1, to, rows)}</Text>}
      <div className={s.scroller} ref={scrollerRef} tabIndex={0} role="region" aria-label={`${text.previewTitle}：${grid.name}`} data-testid="preview-grid">
        <table className={s.table}>
          <thead>
            <tr>
              <td className={s.head} />
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} scope="col" className={s.head}>
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
    </>
  );
}

/**
 * A mark's look: its fill, as in the copy; a note-only mark (a merged block, which the copy leaves
 * uncoloured) gets a stripe of its colour on the left edge instead, so the note is still found.
 */
function markStyle(mark: CellMark | undefined): React.CSSProperties | undefined {
  if (!mark) return undefined;
  return mark.noteOnly ? { boxShadow: `inset 4px 0 0 #${mark.fill}` } : { backgroundColor: `#${mark.fill}` };
}

function SummaryGrid({ model, label, scrollerRef, onLink }: { model: SummaryModel; label: string; scrollerRef: React.RefObject<HTMLDivElement | null>; onLink: (sheet: string, cell: string) => void }) {
  const s = useStyles();
  return (
    <div className={s.scroller} ref={scrollerRef} tabIndex={0} role="region" aria-label={label} data-testid="preview-summary">
      <table className={s.table}>
        <tbody>
          {model.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => {
                const shown = cell.text ?? (cell.number !== undefined ? displayText(cell.number, cell.format ?? null) : '');
                const link = cell.link;
                return (
                  <td key={c} className={s.cell} style={{ backgroundColor: cell.fill ? `#${cell.fill}` : undefined, fontWeight: cell.bold ? 600 : undefined }}>
                    {link && !link.file && link.sheet ? (
                      <button type="button" className={s.link} onClick={() => onLink(link.sheet, link.cell)}>
                        {shown}
                      </button>
                    ) : (
                      shown
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
