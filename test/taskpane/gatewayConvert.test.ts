// Issue 8: 公式转为数值 — for tables sent to a bureau without the add-in (where =PE.* shows #NAME?).
import { createExcelGateway, type ExcelRun } from '../../src/taskpane/excel/gateway';
import { FakeExcel, type FakeWorkbookModel } from '../fakes/fakeExcel';

function book(): FakeWorkbookModel {
  return {
    sheets: [
      {
        id: '{a}',
        name: '自评表',
        cells: {
          F6: { v: 5 },
          G6: { v: 3.89, f: '=PE.SCORE(D6,E6,F6)' },
          G7: { v: 4.5, f: '=ROUND(PE.EXECSCORE(B2,C2),2)', nf: '0.00' },
          G8: { v: 9, f: '=SUM(G6:G7)' }, // not ours: stays a formula
          H6: { v: 'TRUE', f: '=pe.needreason(D6,E6,F6)' },
          H7: { v: '#N/A', t: 'Error', f: '=PE.SCORE(D7,E7,F7)' },
          H8: { v: 'PE.SCORE(', nf: '@' }, // text, not a formula
        },
        merges: [],
      },
      { id: '{b}', name: '锁定表', protected: true, cells: { A1: { v: 1, f: '=PE.GRADE(90)' } }, merges: [] },
      { id: '{c}', name: '隐藏', visibility: 'Hidden', cells: { A1: { v: 1, f: '=PE.GRADE(90)' } }, merges: [] },
    ],
    settings: {},
    notes: [],
    comments: [],
  };
}
const gw = (fake: FakeExcel) => createExcelGateway({ run: fake.run as unknown as ExcelRun, isSetSupported: fake.isSetSupported });

describe('公式转为数值', () => {
  test('counts, then replaces only PE.* formulas by their values (whole workbook)', async () => {
    const fake = new FakeExcel(book());
    expect(await gw(fake).countPeFormulas!('workbook')).toEqual({ cells: 5, sheets: ['自评表', '锁定表'], onProtected: 1 });
    const r = await gw(fake).convertPeFormulas!('workbook');
    expect(r).toEqual({ converted: 4, problems: [{ sheet: '锁定表', reason: 'protected', cells: 1 }] });
    const c = fake.model.sheets[0].cells;
    expect(c.G6).toEqual({ v: 3.89 });
    expect(c.G7).toEqual({ v: 4.5, nf: '0.00' });
    expect(c.G8.f).toBe('=SUM(G6:G7)');
    expect(c.H6).toEqual({ v: 'TRUE' });
    expect(c.H7).toMatchObject({ v: '#N/A', t: 'Error' });
    expect(c.H7.f).toBeUndefined();
    expect(c.H8).toEqual({ v: 'PE.SCORE(', nf: '@' });
    expect(fake.model.sheets[1].cells.A1.f).toBe('=PE.GRADE(90)');
    expect(fake.model.sheets[2].cells.A1.f).toBe('=PE.GRADE(90)'); // hidden sheets are left alone
    expect(await gw(fake).countPeFormulas!('workbook')).toEqual({ cells: 1, sheets: ['锁定表'], onProtected: 1 });
  });

  test('selection only', async () => {
    const m = book();
    m.selection = { sheetId: '{a}', address: 'G6:G8' };
    const fake = new FakeExcel(m);
    expect((await gw(fake).countPeFormulas!('selection')).cells).toBe(2);
    expect((await gw(fake).convertPeFormulas!('selection')).converted).toBe(2);
    expect(fake.model.sheets[0].cells.H6.f).toBe('=pe.needreason(D6,E6,F6)');
    expect(fake.model.sheets[0].cells.G6.f).toBeUndefined();
  });
});
