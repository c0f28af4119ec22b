// One row per table, worst first: its full name (wrapping, never cut: two tables of one department
// differ only at the end), then 错/警/提 counts with their labels, 填报 → 重算 总分 and 评价等次. A row
// filters the list to its table; the heading's link activates the 自评汇总 sheet. One Tab stop (arrow keys).
import { Button, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { memo, useState } from 'react';
import type { Strings } from '../i18n';
import { visuallyHidden } from './styles';
import { useNarrow } from './useNarrow';
import type { TableSummary } from '../state';

// Rows shown until 全部 is pressed: two, one in a narrow pane (the first finding stays on the first screen).
const FEW = 2;
const FEW_NARROW = 1;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, minWidth: 0 },
  head: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalXS, rowGap: '2px' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, flexGrow: 1 },
  rows: { display: 'flex', flexDirection: 'column', gap: '2px', margin: 0, padding: 0, listStyleType: 'none' },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    minHeight: '24px',
    padding: `1px ${tokens.spacingHorizontalS}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    textAlign: 'left',
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  selected: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke1}` },
  name: { flexGrow: 1, flexBasis: '100%', minWidth: 0, overflowWrap: 'anywhere', fontWeight: tokens.fontWeightSemibold },
  counts: { display: 'flex', gap: '4px', fontVariantNumeric: 'tabular-nums' },
  n: { minWidth: '1.6em', textAlign: 'center', borderRadius: tokens.borderRadiusSmall, padding: '0 3px', whiteSpace: 'nowrap' },
  error: { backgroundColor: '#FDE7E9', color: '#A4262C' },
  warning: { backgroundColor: '#FFF4CE', color: '#7A4A00' },
  info: { backgroundColor: '#E6F0FA', color: '#0F548C' },
  zero: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground2 },
  scores: { whiteSpace: 'nowrap', color: tokens.colorNeutralForeground2, fontVariantNumeric: 'tabular-nums' },
  partial: { color: '#7A4A00', whiteSpace: 'nowrap' },
  more: { minWidth: 'auto', paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  srOnly: visuallyHidden,
});

const fmt = (n: number | null) => (n === null ? '—' : String(n));

export function tableName(t: Strings, s: TableSummary): string {
  if (s.index === null) return `${s.sheet} · ${t.otherGroup}`;
  return t.tableHeading(s.sheet, s.title);
}

// Re-rendered only when its own props change, not on every progress step of a running check.
export const Overview = memo(function Overview({
  t,
  tables,
  selected,
  summarySheet,
  onSelect,
  onOpenSummary,
}: {
  t: Strings;
  tables: TableSummary[];
  selected: string | null;
  summarySheet: string | null;
  onSelect: (key: string | null) => void;
  onOpenSummary: () => void;
}) {
  const s = useStyles();
  const [all, setAll] = useState(false);
  const few = useNarrow() ? FEW_NARROW : FEW;
  const arrows = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  // A long list shows the worst few; the selected table always stays in view.
  let shown = all ? tables : tables.slice(0, few);
  if (!all && selected && !shown.some((x) => x.key === selected)) shown = [...shown, ...tables.filter((x) => x.key === selected)];
  return (
    <section className={s.root} aria-labelledby="pe-overview-title" data-testid="overview">
      <div className={s.head}>
        <h2 id="pe-overview-title" className={s.heading}>
          {t.overviewTitle}
        </h2>
        {tables.length > few && (
          <Button appearance="transparent" size="small" className={s.more} onClick={() => setAll((v) => !v)} aria-expanded={all} data-testid="overview-more">
            {all ? t.overviewLess : t.overviewMore(tables.length)}
          </Button>
        )}
        {summarySheet && (
          <Button appearance="transparent" size="small" className={s.more} onClick={onOpenSummary} title={t.openSummaryAria(summarySheet)} data-testid="open-summary">
            {t.openSummary}
          </Button>
        )}
      </div>
      <ul className={s.rows} {...arrows} data-testid="overview-rows">
        {shown.map((row) => {
          const name = tableName(t, row);
          const scores = row.index !== null && row.scorable ? t.scores(fmt(row.entered), fmt(row.computed)) : '';
          const isSel = selected === row.key;
          return (
            <li key={row.key}>
              <button
                type="button"
                className={mergeClasses(s.row, isSel && s.selected)}
                aria-pressed={isSel}
                onClick={() => onSelect(isSel ? null : row.key)}
                data-testid="table-row"
                data-table={row.key}
                data-errors={row.error}
                data-warnings={row.warning}
              >
                <span className={s.name}>{name}</span>
                <span className={s.counts} aria-hidden="true">
                  <span className={mergeClasses(s.n, row.error ? s.error : s.zero)} title={t.severity.error} data-testid="count-label">{`${t.severityShort.error} ${row.error}`}</span>
                  <span className={mergeClasses(s.n, row.warning ? s.warning : s.zero)} title={t.severity.warning}>{`${t.severityShort.warning} ${row.warning}`}</span>
                  <span className={mergeClasses(s.n, row.info ? s.info : s.zero)} title={t.severity.info}>{`${t.severityShort.info} ${row.info}`}</span>
                </span>
                <span className={s.srOnly}>{t.tableRowAria(row.error, row.warning, row.info, scores, row.gradePending ? `${t.gradePending}：${t.gradePendingReason(row.gradePending)}` : row.grade ?? '')}</span>
                {scores && (
                  <span className={s.scores} aria-hidden="true" title={row.gradePending ? t.gradePendingReason(row.gradePending) : undefined}>
                    {scores}
                    {row.gradePending ? ` · ${t.gradePending}` : row.grade ? ` · ${row.grade}` : ''}
                  </span>
                )}
                {row.index !== null && !row.scorable && <span className={s.scores}>{t.notScored}</span>}
                {row.partial && (
                  <span className={s.partial} title={t.partialAria} data-testid="partial">
                    {t.partial}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
});
