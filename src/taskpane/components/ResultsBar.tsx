// The bar that stays on top while the list scrolls: the count tiles (they are the severity filter),
// the table the list is narrowed to, the view switch and 上一个 / 下一个.
import { Button, ToggleButton, makeStyles, mergeClasses, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import { ChevronDown20Regular, ChevronUp20Regular, Dismiss16Regular } from '@fluentui/react-icons';
import { memo } from 'react';
import type { Strings } from '../i18n';
import type { Counts, Filter, View } from '../state';
import { severityTint } from './styles';

const useStyles = makeStyles({
  bar: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    margin: `0 calc(-1 * ${tokens.spacingHorizontalM})`,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  tiles: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  tile: {
    flexGrow: 1,
    flexBasis: '3.6em',
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    padding: `1px ${tokens.spacingHorizontalXXS}`,
    border: `2px solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    fontFamily: 'inherit',
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  all: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground1 },
  ...severityTint,
  pressed: { border: `2px solid ${tokens.colorNeutralForeground1}` },
  label: { fontSize: tokens.fontSizeBase100, lineHeight: '12px' },
  number: { fontSize: tokens.fontSizeBase400, lineHeight: '20px', fontWeight: tokens.fontWeightBold, fontVariantNumeric: 'tabular-nums' },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  current: {
    flexGrow: 1,
    flexBasis: '8em',
    minWidth: 0,
    display: 'flex',
    alignItems: 'center',
    gap: '2px',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
  },
  currentText: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 },
  tools: { display: 'flex', alignItems: 'center', gap: '2px', marginLeft: 'auto' },
  small: { minWidth: 'auto' },
});

// Re-rendered only when its own props change, not on every progress step of a running check.
export const ResultsBar = memo(function ResultsBar({
  t,
  counts,
  filter,
  tableName,
  view,
  canStep,
  onFilter,
  onClearTable,
  onView,
  onStep,
}: {
  t: Strings;
  counts: Counts;
  filter: Filter;
  /** Name of the table the list is narrowed to, null for all. */
  tableName: string | null;
  view: View;
  canStep: boolean;
  onFilter: (f: Filter) => void;
  onClearTable: () => void;
  onView: (v: View) => void;
  onStep: (dir: 1 | -1) => void;
}) {
  const s = useStyles();
  const arrows = useArrowNavigationGroup({ axis: 'horizontal', memorizeCurrent: true });
  const tiles: Filter[] = ['all', 'error', 'warning', 'info'];
  return (
    <div className={s.bar} data-testid="results-bar">
      <div className={s.tiles} role="group" aria-label={t.filterLabel} {...arrows} data-testid="counts">
        {tiles.map((f) => {
          const label = f === 'all' ? t.all : t.severity[f];
          return (
            <button
              key={f}
              type="button"
              className={mergeClasses(s.tile, s[f], filter === f && s.pressed)}
              aria-pressed={filter === f}
              onClick={() => onFilter(f)}
              data-testid={f === 'all' ? 'filter-all' : `count-${f}`}
              data-count={counts[f]}
            >
              <span className={s.label}>{label}</span>
              <span className={s.number}>{counts[f]}</span>
            </button>
          );
        })}
      </div>
      <div className={s.line}>
        <span className={s.current} data-testid="current-table">
          <span className={s.currentText} title={tableName ?? undefined}>
            {tableName ? t.currentTable(tableName) : t.allTables}
          </span>
          {tableName && (
            <Button
              appearance="subtle"
              size="small"
              icon={<Dismiss16Regular />}
              aria-label={t.showAllTables}
              title={t.showAllTables}
              onClick={onClearTable}
              data-testid="clear-table"
            />
          )}
        </span>
        <span className={s.tools}>
          <ToggleButton
            appearance="subtle"
            size="small"
            className={s.small}
            checked={view === 'kinds'}
            onClick={() => onView(view === 'kinds' ? 'rows' : 'kinds')}
            data-testid="view-kinds"
          >
            {t.viewKinds}
          </ToggleButton>
          <Button appearance="subtle" size="small" icon={<ChevronUp20Regular />} aria-label={t.prev} title={t.prevAria} disabled={!canStep} onClick={() => onStep(-1)} data-testid="prev" />
          <Button appearance="subtle" size="small" icon={<ChevronDown20Regular />} aria-label={t.next} title={t.nextAria} disabled={!canStep} onClick={() => onStep(1)} data-testid="next" />
        </span>
      </div>
    </div>
  );
});
