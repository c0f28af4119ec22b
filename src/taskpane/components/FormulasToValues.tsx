// 公式转为数值 (issue 8): replaces our PE.* formulas in the selection or the whole workbook by their
// values, after a confirmation with the count, for tables that go to a bureau without the add-in.
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Radio,
  RadioGroup,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { describeExcelError } from '../excel/errors';
import type { FormulaScope, PeFormulaCount, WorkbookGateway } from '../host';
import { convertText, type Lang } from '../i18n';

export function FormulasToValues({ gateway, lang, disabled }: { gateway: WorkbookGateway; lang: Lang; disabled: boolean }) {
  const t = convertText[lang];
  const [open, setOpen] = useState(false);
  const [scope, setScope] = useState<FormulaScope>('workbook');
  const [count, setCount] = useState<PeFormulaCount | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  useEffect(() => {
    if (!open || !gateway.countPeFormulas) return;
    let live = true;
    setCount(null);
    setMessage(null);
    gateway
      .countPeFormulas(scope)
      .then((c) => live && setCount(c))
      .catch((e) => live && setMessage(describeExcelError(e, lang)));
    return () => {
      live = false;
    };
  }, [open, scope, gateway, lang]);

  const convert = useCallback(async () => {
    if (!gateway.convertPeFormulas) return;
    setWorking(true);
    try {
      const r = await gateway.convertPeFormulas(scope);
      setMessage(t.done(r.converted));
      setCount(null);
    } catch (e) {
      setMessage(describeExcelError(e, lang));
    } finally {
      setWorking(false);
    }
  }, [gateway, scope, t, lang]);

  if (!gateway.convertPeFormulas) return null;
  const convertible = count ? count.cells - count.onProtected : 0;
  return (
    <Dialog open={open} onOpenChange={(_, d) => setOpen(d.open)}>
      <Button onClick={() => setOpen(true)} disabled={disabled} title={t.buttonAria} data-testid="to-values">
        {t.button}
      </Button>
      <DialogSurface data-testid="to-values-dialog">
        <DialogBody>
          <DialogTitle>{t.title}</DialogTitle>
          <DialogContent>
            <RadioGroup value={scope} onChange={(_, d) => setScope(d.value as FormulaScope)} layout="horizontal">
              <Radio value="workbook" label={t.scopeWorkbook} data-testid="scope-workbook" />
              <Radio value="selection" label={t.scopeSelection} data-testid="scope-selection" />
            </RadioGroup>
            <Text block data-testid="to-values-count">
              {message ?? (count === null ? t.counting : count.cells === 0 ? t.none : t.found(count.cells, count.sheets, count.onProtected))}
            </Text>
            <Text block size={200}>
              {t.why}
            </Text>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={working || convertible === 0} onClick={convert} data-testid="to-values-confirm">
              {t.confirm(convertible)}
            </Button>
            <Button onClick={() => setOpen(false)}>{t.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
