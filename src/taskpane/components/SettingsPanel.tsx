// 评分口径: one control per setting (the 130 % profile is the 130 % threshold, so it is one choice).
import { Button, Field, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss16Regular } from '@fluentui/react-icons';
import type { RefObject } from 'react';
import type { PaneSettings } from '../host';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    minWidth: 0,
  },
  head: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: tokens.spacingHorizontalS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** The stored profile follows the threshold: 130 % is the gx130 profile, 120 % the MoF 2020 one. */
export function withThreshold(settings: PaneSettings, overTarget: number): PaneSettings {
  return { ...settings, overTarget, profile: overTarget === 1.3 ? 'gx130' : 'mof2020' };
}

export function SettingsPanel({
  t,
  settings,
  disabled,
  onChange,
  onClose,
  firstRef,
}: {
  t: Strings;
  settings: PaneSettings;
  disabled: boolean;
  onChange: (s: PaneSettings) => void;
  onClose: () => void;
  firstRef?: RefObject<HTMLButtonElement | null>;
}) {
  const s = useStyles();
  return (
    <section id="pe-settings" className={s.root} aria-labelledby="pe-settings-title" data-testid="settings">
      <div className={s.head}>
        <h2 id="pe-settings-title" className={s.heading}>
          {t.settingsTitle}
        </h2>
        <Button
          appearance="subtle"
          size="small"
          icon={<Dismiss16Regular />}
          onClick={onClose}
          aria-label={t.close}
          title={t.close}
          ref={firstRef}
          data-testid="settings-close"
        />
      </div>
      <Field label={t.overTargetLabel}>
        <RadioGroup
          value={String(settings.overTarget)}
          disabled={disabled}
          onChange={(_, d) => onChange(withThreshold(settings, Number(d.value)))}
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
