// The rule profile a pane's settings stand for (shared by the pane, the browser page and its worker).
import { getProfile, mof2020, withOverrides, type RuleProfile } from '../core/profile';
import type { PaneSettings } from './host';

export function profileFor(settings: PaneSettings): RuleProfile {
  const base = getProfile(settings.profile) ?? mof2020;
  return withOverrides(base, { overTarget: settings.overTarget, reverse: settings.reverse });
}
