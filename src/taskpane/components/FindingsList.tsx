// The findings as sections of items (one item per row, or per finding in the by-kind view). One Tab
// stop: the arrow keys move between items (tabster arrow navigation, as Fluent's Toolbar/Tree use).
// Only the first PAGE items are rendered; 显示更多 adds the next page, so thousands of findings
// never become thousands of DOM nodes.
import { Badge, Button, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { memo, useState } from 'react';
import type { Finding, Severity } from '../../core/types';
import type { Strings } from '../i18n';
import { findingKey, type ListItem, type ListSection } from '../state';
import { visuallyHidden } from './styles';
import { useNarrow } from './useNarrow';

export const PAGE = 30;

function firstOpen(sections: ListSection[]): ReadonlySet<string> {
  return new Set(sections[0]?.kind === 'kind' ? [sections[0].key] : []);
}

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, minWidth: 0 },
  section: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    paddingBottom: '2px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  pinnedHeading: { color: '#A4262C', borderBottom: `2px solid #A4262C` },
  hint: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0 },
  items: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    width: '100%',
    minWidth: 0,
    textAlign: 'left',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    border: `1px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: 'inherit',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: 'pointer',
    // Scrolled into view (上一个 / 下一个) below the sticky results bar, not under it.
    scrollMarginTop: '120px',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, border: `1px solid ${tokens.colorNeutralStroke2}` },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  current: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke2}` },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: '2px', minWidth: 0 },
  cells: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold },
  where: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minWidth: 0, overflowWrap: 'anywhere' },
  table: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  message: { overflowWrap: 'anywhere' },
  messageCell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, marginRight: tokens.spacingHorizontalXS },
  causeOf: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, marginTop: '2px' },
  moot: { overflowWrap: 'anywhere', paddingLeft: tokens.spacingHorizontalM, color: tokens.colorNeutralForeground2 },
  more: { alignSelf: 'flex-start' },
  toggle: {
    display: 'flex',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalXS,
    width: '100%',
    minHeight: '24px',
    padding: 0,
    border: 'none',
    background: 'none',
    color: 'inherit',
    font: 'inherit',
    textAlign: 'left',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  chevron: { width: '1em', flexShrink: 0 },
  srOnly: visuallyHidden,
});

const badgeColor: Record<Severity, 'danger' | 'warning' | 'informative'> = {
  error: 'danger',
  warning: 'warning',
  info: 'informative',
};

function shortSeverity(t: Strings, s: Severity): string {
  // "错误" / "Errors" → the badge wants the singular short form.
  const label = t.severity[s];
  return label.endsWith('s') ? label.slice(0, -1) : label;
}

function sectionTitle(t: Strings, sec: ListSection): string {
  if (sec.kind === 'pinned') return t.kindHeading(t.pinnedTitle, sec.count);
  if (sec.kind === 'kind') return t.kindHeading(sec.title, sec.count);
  return sec.ref.startsWith('s:') ? `${sec.sheet} · ${t.otherGroup}` : t.tableHeading(sec.sheet, sec.title);
}

interface ItemProps {
  t: Strings;
  item: ListItem;
  /** The item's table by name: its own line where no heading above names it (请先处理, by kind). */
  table: string;
  showTable: boolean;
  /** Under its table's heading in a workbook of several tables: the name leads the row line. */
  tableInRow: boolean;
  isCurrent: boolean;
  onOpen: (f: Finding) => void;
}

/**
 * The findings so far are shown while the check goes on, so the list is rebuilt many times with the
 * same rows: an item whose findings are the same (a check's findings are never changed) is not
 * rendered again.
 */
function sameItem(a: ItemProps, b: ItemProps): boolean {
  return (
    a.t === b.t &&
    a.table === b.table &&
    a.showTable === b.showTable &&
    a.tableInRow === b.tableInRow &&
    a.isCurrent === b.isCurrent &&
    a.onOpen === b.onOpen &&
    a.item.key === b.item.key &&
    a.item.findings.length === b.item.findings.length &&
    a.item.findings.every((f, i) => f === b.item.findings[i])
  );
}

const Item = memo(function Item({ t, item, table, showTable, tableInRow, isCurrent, onOpen }: ItemProps) {
  const s = useStyles();
  const many = item.findings.length > 1;
  return (
    <li>
      <button
        type="button"
        className={mergeClasses(s.item, isCurrent && s.current)}
        onClick={() => onOpen(item.findings[0])}
        aria-current={isCurrent ? 'location' : undefined}
        data-testid="finding"
        data-cell={item.cells[0]}
        data-cells={item.cells.join(' ')}
        data-sheet={item.sheet}
        data-code={item.findings[0].code}
        data-codes={item.findings.map((f) => f.code).join(' ')}
        data-severity={item.severity}
        data-count={item.findings.length}
        data-table={table}
      >
        <span className={s.top}>
          <Badge appearance="tint" color={badgeColor[item.severity]} size="small">
            {shortSeverity(t, item.severity)}
          </Badge>
          <span className={s.cells}>{t.itemCells(item.cells)}</span>
          <span className={s.where}>{tableInRow ? `${table} · ${t.rowHeading(item.row, item.label)}` : t.rowHeading(item.row, item.label)}</span>
        </span>
        {showTable && (
          <span className={s.table} data-testid="item-table">
            {t.itemTable(table)}
          </span>
        )}
        {item.findings.map((f, i) => (
          <span key={i} className={item.cause && i > 0 ? s.moot : s.message}>
            {many && <span className={s.messageCell}>{f.cell}</span>}
            {f.message}
          </span>
        )).flatMap((el, i) => (item.cause && i === 1 ? [<span key="cause-of" className={s.causeOf} data-testid="cause-of">{t.causeOf(item.findings.length - 1)}</span>, el] : [el]))}
        {!showTable && !tableInRow && <span className={s.srOnly}>{` ${t.itemTable(table)}`}</span>}
      </button>
    </li>
  );
}, sameItem);

// Re-rendered only when its own props change, not on every progress step of a running check.
export const FindingsList = memo(function FindingsList({
  t,
  sections,
  tableNames,
  current,
  onOpen,
  resetKey,
}: {
  t: Strings;
  sections: ListSection[];
  /** TableSummary key → the table's name. */
  tableNames: ReadonlyMap<string, string>;
  current: string | null;
  onOpen: (f: Finding) => void;
  /** Changes with the filter, table or view: the list starts again at one page. */
  resetKey: string;
}) {
  const s = useStyles();
  const narrow = useNarrow();
  const arrows = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  const [limit, setLimit] = useState(PAGE);
  // By kind, the groups start collapsed (the first one open), as Excel's Accessibility checker shows them.
  const [open, setOpen] = useState<ReadonlySet<string>>(() => firstOpen(sections));
  // A new filter, table or view starts again at one page. Reset while rendering (not in an effect):
  // an effect would render and commit the whole list a second time on every filter switch. The
  // findings so far of a running check keep the page the user opened.
  const [shownFor, setShownFor] = useState(resetKey);
  if (shownFor !== resetKey) {
    setShownFor(resetKey);
    setLimit(PAGE);
    setOpen(firstOpen(sections));
  }
  const has = (item: ListItem) => current !== null && item.findings.some((f) => findingKey(f) === current);
  const isOpen = (sec: ListSection) => sec.kind !== 'kind' || open.has(sec.key) || sec.items.some(has);
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  const openSections = sections.filter(isOpen);
  const total = openSections.reduce((n, sec) => n + sec.items.length, 0);
  // 上一个 / 下一个 may go past the page: the page grows to show the current item.
  let currentAt = -1;
  let index = 0;
  for (const sec of openSections)
    for (const item of sec.items) {
      if (currentAt < 0 && has(item)) currentAt = index;
      index++;
    }
  const pageEnd = Math.max(limit, currentAt + 1);
  let budget = pageEnd;
  const shown: { sec: ListSection; items: ListItem[] }[] = [];
  for (const sec of sections) {
    if (!isOpen(sec)) {
      shown.push({ sec, items: [] });
      continue;
    }
    if (budget <= 0) break;
    const items = sec.items.slice(0, budget);
    budget -= items.length;
    shown.push({ sec, items });
  }
  const rendered = Math.min(pageEnd, total);
  return (
    <>
      <div className={s.list} {...arrows} data-testid="findings">
        {shown.map(({ sec, items }) => (
          <section key={sec.key} className={s.section} aria-labelledby={`pe-sec-${sec.key}`} data-testid={`section-${sec.kind}`}>
            <h3 id={`pe-sec-${sec.key}`} className={mergeClasses(s.heading, sec.kind === 'pinned' && s.pinnedHeading)}>
              {sec.kind === 'kind' ? (
                <button
                  type="button"
                  className={s.toggle}
                  aria-expanded={isOpen(sec)}
                  onClick={() => toggle(sec.key)}
                  data-testid="kind-toggle"
                >
                  <span aria-hidden="true" className={s.chevron}>
                    {isOpen(sec) ? '▾' : '▸'}
                  </span>
                  {sectionTitle(t, sec)}
                </button>
              ) : (
                sectionTitle(t, sec)
              )}
            </h3>
            {sec.kind === 'pinned' && <p className={narrow ? s.srOnly : s.hint}>{t.pinnedHint}</p>}
            {items.length > 0 && <ul className={s.items}>
              {items.map((item) => (
                <Item
                  key={item.key}
                  t={t}
                  item={item}
                  table={tableNames.get(item.table) ?? item.sheet}
                  showTable={sec.kind !== 'table'}
                  tableInRow={sec.kind === 'table' && tableNames.size > 1}
                  isCurrent={has(item)}
                  onOpen={onOpen}
                />
              ))}
            </ul>}
          </section>
        ))}
      </div>
      {rendered < total && (
        <Button className={s.more} appearance="secondary" size="small" onClick={() => setLimit(pageEnd + PAGE)} data-testid="show-more">
          {t.showMore(rendered, total)}
        </Button>
      )}
    </>
  );
});
