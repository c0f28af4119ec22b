import { Button, Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PaneSettings } from '../excel/gateway';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export function SettingsPanel({
  t,
  settings,
  disabled,
  onChange,
  onClose,
}: {
  t: Strings;
  settings: PaneSettings;
  disabled: boolean;
  onChange: (s: PaneSettings) => void;
  onClose: () => void;
}) {
  const s = useStyles();
  return (
    <section id="pe-settings" className={s.root} aria-labelledby="pe-settings-title" data-testid="settings">
      <div className={s.head}>
        <h2 id="pe-settings-title" className={s.heading}>
          {t.settingsTitle}
        </h2>
        <Button appearance="subtle" size="small" onClick={onClose} aria-label={t.close}>
          {t.close}
        </Button>
      </div>
      <Field label={t.profileLabel}>
        <RadioGroup
          value={settings.profile}
          disabled={disabled}
          onChange={(_, d) =>
            onChange({ ...settings, profile: d.value, overTarget: d.value === 'gx130' ? 1.3 : 1.2 })
          }
        >
          <Radio value="mof2020" label={t.profileNames.mof2020} />
          <Radio value="gx130" label={t.profileNames.gx130} />
        </RadioGroup>
      </Field>
      <Field label={t.overTargetLabel}>
        <RadioGroup
          layout="horizontal"
          value={String(settings.overTarget)}
          disabled={disabled}
          onChange={(_, d) => onChange({ ...settings, overTarget: Number(d.value) })}
        >
          <Radio value="1.2" label={t.overTargetOption(1.2)} />
          <Radio value="1.3" label={t.overTargetOption(1.3)} />
        </RadioGroup>
      </Field>
      <Field label={t.reverseLabel}>
        <RadioGroup
          value={settings.reverse}
          disabled={disabled}
          onChange={(_, d) => onChange({ ...settings, reverse: d.value === 'ratio' ? 'ratio' : 'linear' })}
        >
          <Radio value="linear" label={t.reverseLinear} />
          <Radio value="ratio" label={t.reverseRatio} />
        </RadioGroup>
      </Field>
      <Text size={200}>{t.settingsNote}</Text>
    </section>
  );
}
