// Style pieces shared by the pane's components.
import type { GriffelStyle } from '@fluentui/react-components';

/** Read by screen readers, not shown (the usual clip pattern). */
export const visuallyHidden: GriffelStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/** Severity colours (text on tint) with a contrast ratio ≥ 4.5:1 (axe color-contrast). */
export const severityTint = {
  error: { backgroundColor: '#FDE7E9', color: '#A4262C' },
  warning: { backgroundColor: '#FFF4CE', color: '#7A4A00' },
  info: { backgroundColor: '#E6F0FA', color: '#0F548C' },
} as const;
