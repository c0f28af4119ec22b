// Whether the pane is narrow (Excel's default pane is ~320 px, WPS's can be 270): the overview then
// shows its worst table only and the 请先处理 hint is said rather than shown, so that the first
// finding stays on the first screen (issue 19: ≤ 300 px from the top at 320 px).
import { useEffect, useState } from 'react';

const QUERY = '(max-width: 360px)';

const mediaList = (): MediaQueryList | null => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null);

export function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => mediaList()?.matches ?? false);
  useEffect(() => {
    const media = mediaList();
    if (!media) return;
    const on = () => setNarrow(media.matches);
    media.addEventListener?.('change', on);
    on();
    return () => media.removeEventListener?.('change', on);
  }, []);
  return narrow;
}
