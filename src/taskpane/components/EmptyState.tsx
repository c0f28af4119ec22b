import { Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  columns: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, margin: 0, padding: 0, listStyleType: 'none' },
  column: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalS}`,
    borderRadius: tokens.borderRadiusSmall,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    fontSize: tokens.fontSizeBase200,
  },
  tips: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

/** Before the first check (how it works), or after a check that found no table. */
export function EmptyState({ t, noTables }: { t: Strings; noTables: boolean }) {
  const s = useStyles();
  return (
    <section className={s.root} aria-labelledby="pe-empty-title" data-testid="empty-state">
      <h2 id="pe-empty-title" className={s.heading}>
        {noTables ? t.noTablesTitle : t.emptyTitle}
      </h2>
      <Text>{noTables ? t.noTablesBody : t.emptyIntro}</Text>
      <Text>{t.emptyHeaderIntro}</Text>
      <ul className={s.columns} aria-label={t.emptyHeaderIntro}>
        {t.emptyColumns.map((c) => (
          <li key={c} className={s.column}>
            {c}
          </li>
        ))}
      </ul>
      {!noTables && (
        <ul className={s.tips}>
          {t.emptyTips.map((tip) => (
            <li key={tip}>
              <Text size={200}>{tip}</Text>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
