import { cellDay, excelErrorOf, isDateFormat, serialToDay } from '../../src/core/cells';

describe('cells', () => {
  test('Excel errors are told from text', () => {
    expect(excelErrorOf('#DIV/0!')).toBe('#DIV/0!');
    expect(excelErrorOf('#BUSY!')).toBe('#BUSY!');
    expect(excelErrorOf('#N/A')).toBe('#N/A');
    expect(excelErrorOf('#1')).toBeNull();
    expect(excelErrorOf('无')).toBeNull();
    expect(excelErrorOf(0)).toBeNull();
    expect(excelErrorOf(null)).toBeNull();
  });

  test('date formats', () => {
    for (const f of ['yyyy-mm-dd', 'm/d/yy', 'yyyy"年"m"月"d"日"', '[$-F800]dddd, mmmm dd, yyyy', 'yyyy"年"m"月"', 'h:mm'])
      expect(isDateFormat(f)).toBe(true);
    for (const f of ['General', '0.00%', '#,##0.00', '0"万元"', '0.00_);[Red](0.00)', '@', null, undefined, '0"天"'])
      expect(isDateFormat(f)).toBe(false);
  });

  test('serials are calendar days (1900 system with its phantom leap day)', () => {
    expect(serialToDay(45291)).toEqual({ year: 2023, month: 12, day: 31 });
    expect(serialToDay(45260.75)).toEqual({ year: 2023, month: 11, day: 30 });
    expect(serialToDay(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(serialToDay(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(serialToDay(0)).toBeNull();
    expect(serialToDay(Number.NaN)).toBeNull();
    expect(cellDay(45291, 'yyyy-mm-dd')).toEqual({ year: 2023, month: 12, day: 31 });
    expect(cellDay(45291, 'General')).toBeNull();
  });
});
