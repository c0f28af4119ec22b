import { parseValue, readNumber, displayText, normalise } from '../../src/core/values';

const num = (raw: string | number, fmt?: string) => {
  const p = parseValue(raw, fmt);
  return { kind: p.kind, op: p.operator, value: p.value?.toString() ?? null, percent: p.percent, unit: p.unit, note: p.note };
};

describe('RULES §2 normalisation', () => {
  test('full-width digits, point, percent, comparison signs, comma and space', () => {
    expect(normalise('≥９０．５％')).toBe('≥90.5%');
    expect(normalise('＞＜＝，')).toBe('><=,');
    expect(normalise('1\u3000150 人')).toBe('1150人');
    expect(num('≥９０％')).toMatchObject({ kind: 'number', op: 'atLeast', value: '0.9', percent: true });
    expect(num('１，１５０人次')).toMatchObject({ value: '1150', unit: '人次' });
  });
  test('thousands separators', () => {
    expect(num('1,150人次')).toMatchObject({ kind: 'number', value: '1150', unit: '人次', note: '' });
    expect(num('12,345,678.9')).toMatchObject({ value: '12345678.9' });
  });
  test('spaces are stripped', () => {
    expect(num(' ≥ 90 % ')).toMatchObject({ op: 'atLeast', value: '0.9', percent: true });
  });
});

describe('RULES §2 operators', () => {
  test.each([
    ['≥90', 'atLeast'], ['>=90', 'atLeast'], ['不低于90', 'atLeast'], ['不少于90', 'atLeast'], ['大于等于90', 'atLeast'],
    ['90以上', 'atLeast'], ['>90', 'atLeast'], ['＞90', 'atLeast'],
    ['≤90', 'atMost'], ['<=90', 'atMost'], ['不高于90', 'atMost'], ['不超过90', 'atMost'], ['不多于90', 'atMost'],
    ['小于等于90', 'atMost'], ['90以内', 'atMost'], ['90以下', 'atMost'], ['<90', 'atMost'], ['＜90', 'atMost'],
    ['=90', 'exactly'], ['＝90', 'exactly'],
  ])('%s → %s', (raw, op) => {
    expect(num(raw)).toMatchObject({ kind: 'number', op, value: '90' });
  });
  test('no operator → null (score.ts reads it as 正向)', () => {
    expect(num('90').op).toBeNull();
  });
  test('suffix after unit', () => {
    expect(num('30人以上')).toMatchObject({ op: 'atLeast', value: '30', unit: '人' });
    expect(num('3天以内')).toMatchObject({ op: 'atMost', value: '3', unit: '天' });
    expect(num('90%以上')).toMatchObject({ op: 'atLeast', value: '0.9', percent: true });
  });
});

describe('RULES §2 percent', () => {
  test('"90%" → 0.9 and ‰', () => {
    expect(num('90%')).toMatchObject({ value: '0.9', percent: true, unit: '' });
    expect(num('5‰')).toMatchObject({ value: '0.005', percent: true });
  });
  test('a number in a percent-formatted cell is already a fraction', () => {
    const p = parseValue(0.9, '0%');
    expect(p).toMatchObject({ kind: 'number', percent: true, text: '90%' });
    expect(p.value?.toString()).toBe('0.9');
    expect(parseValue(0.7931, '0.00%').text).toBe('79.31%');
    expect(parseValue(0.9, '"达"0%').percent).toBe(true);
    expect(parseValue(0.9, 'General').percent).toBe(false);
  });
  test('cell numbers keep their shortest round-trip value', () => {
    expect(parseValue(0.1 + 0.2).value?.toString()).toBe('0.30000000000000004');
    expect(parseValue(0.1 + 0.2).text).toBe('0.3');
  });
});

describe('RULES §2 units and notes', () => {
  test.each(['人', '人次', '次', '个', '场', '家', '户', '项', '期', '天', '日', '个月', '年', '元', '万元', '小时', '学时', '篇', '份', '件', '所', '台', '套', '平方米', '公里', '亩', '名', '批', '张', '本'])(
    'unit %s', (u) => {
      expect(num(`12${u}`)).toMatchObject({ kind: 'number', value: '12', unit: u, note: '' });
    });
  test('unknown short unit is still a unit; longer text is a note', () => {
    expect(num('3栋楼')).toMatchObject({ unit: '栋', note: '楼' });
    expect(num('12吨煤')).toMatchObject({ unit: '吨' });
    expect(num('7GB')).toMatchObject({ unit: 'GB', note: '' });
    expect(num('5个示范村建设完成')).toMatchObject({ value: '5', unit: '个', note: '示范村建设完成' });
  });
  test('parenthesised note keeps its original characters', () => {
    expect(num('6558.23（含公共专项2756.07）')).toMatchObject({ kind: 'number', value: '6558.23', unit: '', note: '（含公共专项2756.07）' });
    expect(num('30人(含临时)')).toMatchObject({ unit: '人', note: '(含临时)' });
  });
  test('leading text before a number is a note', () => {
    expect(num('约30人')).toMatchObject({ value: '30', unit: '人', note: '约' });
    expect(num('满意度≥90%')).toMatchObject({ op: 'atLeast', value: '0.9', note: '满意度' });
  });
  test('remarks such as 左右 are not units', () => {
    expect(num('30人左右')).toMatchObject({ unit: '人', note: '左右' });
    expect(num('90%左右')).toMatchObject({ unit: '', note: '左右' });
  });
  test('万 before a unit scales; 万元 stays a unit', () => {
    expect(num('1.2万人次')).toMatchObject({ value: '12000', unit: '人次' });
    expect(num('≤5万元')).toMatchObject({ value: '5', unit: '万元', op: 'atMost' });
  });
  test('negative numbers', () => {
    expect(num('-5')).toMatchObject({ value: '-5' });
  });
});

describe('RULES §2 ranges', () => {
  const range = (raw: string) => {
    const p = parseValue(raw);
    return { kind: p.kind, low: p.low?.toString(), high: p.high?.toString(), percent: p.percent, unit: p.unit };
  };
  test.each([
    ['90%-100%', '0.9', '1', true, ''],
    ['90-100%', '0.9', '1', true, ''],
    ['5~7天', '5', '7', false, '天'],
    ['5～7天', '5', '7', false, '天'],
    ['5-7', '5', '7', false, ''],
    ['5至7', '5', '7', false, ''],
    ['5天-7天', '5', '7', false, '天'],
    ['7-5', '5', '7', false, ''],
  ])('%s', (raw, low, high, percent, unit) => {
    expect(range(raw)).toEqual({ kind: 'range', low, high, percent, unit });
  });
});

describe('RULES §2 qualitative, unmeasurable, formulas, blanks', () => {
  test('text without a number is qualitative', () => {
    expect(num('基本达标').kind).toBe('qualitative');
    expect(num('运转正常，无负面影响').kind).toBe('qualitative');
  });
  test('a negated statement with a number stays qualitative', () => {
    expect(num('未完成3个').kind).toBe('qualitative');
  });
  test('standard codes are not numbers', () => {
    expect(num('符合GB3838-2002标准').kind).toBe('qualitative');
  });
  test('按实 / 据实 → unmeasurable', () => {
    expect(num('按实').kind).toBe('unmeasurable');
    expect(num('据实结算').kind).toBe('unmeasurable');
  });
  test("a cell string starting with '=' is literal text unless it is =number", () => {
    expect(num('=1+2').kind).toBe('qualitative');
    expect(num('=SUM(A1:A3)').kind).toBe('qualitative');
    expect(num('=100%')).toMatchObject({ kind: 'number', op: 'exactly', value: '1' });
  });
  test('blank values', () => {
    expect(parseValue(null).kind).toBe('empty');
    expect(parseValue('   ').kind).toBe('empty');
    expect(parseValue('\u3000').kind).toBe('empty');
  });
  test('booleans are qualitative TRUE/FALSE', () => {
    expect(parseValue(true)).toMatchObject({ kind: 'qualitative', text: 'TRUE' });
  });
  test('returned objects are independent of the cache', () => {
    const a = parseValue('90%');
    a.unit = 'x';
    expect(parseValue('90%').unit).toBe('');
  });
});

describe('readNumber and displayText', () => {
  test('readNumber takes the leading number of a money cell', () => {
    const r = readNumber('6558.23（含公共专项2756.07）');
    expect(r?.value.toString()).toBe('6558.23');
    expect(r?.note).toBe('（含公共专项2756.07）');
    expect(readNumber('79.31%')).toMatchObject({ percent: true });
    expect(readNumber('79.31%')?.value.toString()).toBe('0.7931');
    expect(readNumber(10)?.value.toString()).toBe('10');
    expect(readNumber('10分')?.note).toBe('');
    expect(readNumber('')).toBeNull();
    expect(readNumber(null)).toBeNull();
    expect(readNumber('无')).toBeNull();
  });
  test('displayText', () => {
    expect(displayText(0.9, '0%')).toBe('90%');
    expect(displayText(6558.23, '#,##0.00')).toBe('6,558.23');
    expect(displayText(7.525, '0.00')).toBe('7.53');
    expect(displayText(0.1 + 0.2)).toBe('0.3');
    expect(displayText('  运转正常 ')).toBe('运转正常');
    expect(displayText(null)).toBe('');
    expect(displayText(false)).toBe('FALSE');
  });
});
