import { Badge, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Finding, Severity } from '../../core/types';
import type { Strings } from '../i18n';
import { findingKey, type TableGroup } from '../state';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, margin: 0, padding: 0 },
  table: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  tableHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    paddingBottom: tokens.spacingVerticalXXS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowHeading: {
    margin: 0,
    marginTop: tokens.spacingVerticalXS,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  items: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: {
    display: 'grid',
    gridTemplateColumns: 'var(--pe-badge-col, 3em) 3.4em 1fr',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
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
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover, border: `1px solid ${tokens.colorNeutralStroke2}` },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
  },
  current: { backgroundColor: tokens.colorBrandBackground2, border: `1px solid ${tokens.colorBrandStroke2}` },
  badge: { justifySelf: 'start', marginTop: '2px' },
  cell: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, paddingTop: '2px', minWidth: '3.2em' },
  message: { wordBreak: 'break-word' },
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

export function FindingsList({
  t,
  groups,
  current,
  onOpen,
}: {
  t: Strings;
  groups: TableGroup[];
  current: string | null;
  onOpen: (f: Finding) => void;
}) {
  const s = useStyles();
  return (
    <div className={s.list} data-testid="findings" style={{ ['--pe-badge-col' as string]: t.badgeColumn }}>
      {groups.map((g) => (
        <section key={g.key} className={s.table} aria-labelledby={`pe-g-${g.key}`}>
          <h3 id={`pe-g-${g.key}`} className={s.tableHeading}>
            {g.table === null ? `${g.sheet} · ${t.otherGroup}` : t.tableHeading(g.sheet, g.title)}
          </h3>
          {g.rows.map((r) => (
            <div key={r.key}>
              <h4 className={s.rowHeading}>{t.rowHeading(r.row, r.label)}</h4>
              <ul className={s.items}>
                {r.findings.map((f, i) => {
                  const key = findingKey(f);
                  const sev = shortSeverity(t, f.severity);
                  return (
                    <li key={`${key}:${f.code}:${i}`}>
                      <button
                        type="button"
                        className={mergeClasses(s.item, current === key && s.current)}
                        onClick={() => onOpen(f)}
                        aria-label={t.findingAria(sev, f.cell, f.message)}
                        aria-current={current === key ? 'location' : undefined}
                        data-testid="finding"
                        data-cell={f.cell}
                        data-sheet={f.sheet}
                        data-code={f.code}
                        data-severity={f.severity}
                      >
                        <Badge appearance="tint" color={badgeColor[f.severity]} size="small" className={s.badge}>
                          {sev}
                        </Badge>
                        <span className={s.cell}>{f.cell}</span>
                        <Text className={s.message}>{f.message}</Text>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
