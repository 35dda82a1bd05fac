import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findPersonalData, isResidentId, maskPersonalData, passesLuhn } from './personal-data';

const found = (text: string, cardContext = false) =>
  findPersonalData(text, { cardContext }).map((m) => ({ kind: m.kind, text: m.text, ending: m.ending }));
const masked = (text: string, cardContext = false) => maskPersonalData(text, findPersonalData(text, { cardContext }));

describe('personal data in a reply', () => {
  it('finds card numbers that pass the Luhn check, with spaces, dashes or none', () => {
    expect(found('我的银行卡号是 6222 0000 1111 2223')).toEqual([{ kind: 'card', text: '6222 0000 1111 2223', ending: '2223' }]);
    expect(found('卡号6222-0000-1111-2223，谢谢')).toEqual([{ kind: 'card', text: '6222-0000-1111-2223', ending: '2223' }]);
    expect(found('card 4111111111111111.')).toEqual([{ kind: 'card', text: '4111111111111111', ending: '1111' }]);
    expect(found('Amex 3782 822463 10005')).toEqual([{ kind: 'card', text: '3782 822463 10005', ending: '0005' }]);
    expect(found('19 位 6217000012345678907')).toEqual([{ kind: 'card', text: '6217000012345678907', ending: '8907' }]);
    expect(found('全角 ６２２２００００１１１１２２２３')).toEqual([{ kind: 'card', text: '６２２２００００１１１１２２２３', ending: '2223' }]);
  });

  it('masks the digits and keeps the separators, so the length stays', () => {
    expect(masked('我的银行卡号是 6222 0000 1111 2223')).toBe('我的银行卡号是 **** **** **** ****');
    expect(masked('手机 +86 138-0013-8000 找我')).toBe('手机 +** ***-****-**** 找我');
    expect(masked('身份证 11010519491231002X')).toBe('身份证 ******************');
  });

  it('leaves card-shaped numbers that fail Luhn unless the reply is known to be about a card', () => {
    expect(found('我的银行卡号是 6222 0000 1111 2222')).toEqual([]);
    expect(found('我的银行卡号是 6222 0000 1111 2222', true)).toEqual([{ kind: 'card', text: '6222 0000 1111 2222', ending: '2222' }]);
    fc.assert(
      fc.property(fc.stringMatching(/^[3-6]\d{15}$/), (digits) => {
        fc.pre(!passesLuhn(digits));
        expect(findPersonalData(`卡 ${digits} 号`)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds resident ID numbers with a valid check character and birth date', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(found('身份证号 44030419900307123x 请核对')).toEqual([{ kind: 'resident_id', text: '44030419900307123x', ending: '123X' }]);
    expect(found('ID 310101 20000229 4569')).toEqual([{ kind: 'resident_id', text: '310101 20000229 4569', ending: '4569' }]);
  });

  it('refuses resident IDs with a wrong check character or an impossible birth date', () => {
    expect(isResidentId('110105194912310021')).toBe(false); // check character should be X
    expect(isResidentId('310101200102294563')).toBe(false); // 29 February 2001 did not exist
    expect(isResidentId('310101180001014567')).toBe(false); // born in 1800
    expect(found('单号 110105194912310021')).toEqual([]);
  });

  it('finds mainland mobile numbers, bare or after +86 / 0086, whole or 3-4-4', () => {
    expect(found('打 13800138000')).toEqual([{ kind: 'mobile', text: '13800138000', ending: '8000' }]);
    expect(found('打138 0013 8000吧')).toEqual([{ kind: 'mobile', text: '138 0013 8000', ending: '8000' }]);
    expect(found('+8613912345678')).toEqual([{ kind: 'mobile', text: '+8613912345678', ending: '5678' }]);
    expect(found('0086 139-1234-5678')).toEqual([{ kind: 'mobile', text: '0086 139-1234-5678', ending: '5678' }]);
  });

  it('finds international numbers only with their +', () => {
    expect(found('call +1 415 555 2671 today')).toEqual([{ kind: 'phone', text: '+1 415 555 2671', ending: '2671' }]);
    expect(found('London +44 20 7946 0958')).toEqual([{ kind: 'phone', text: '+44 20 7946 0958', ending: '0958' }]);
    expect(found('call 1 415 555 2671 today')).toEqual([]);
  });

  it('leaves order numbers, timestamps, prices, dates and codes alone', () => {
    const untouched = [
      '订单号 2023120700001238', // passes Luhn, but starts like a date, not a card
      '订单号 8624123456789014', // passes Luhn, no card starts with 8
      '订单号 9500000000000000000',
      '单号 20231207123456789012', // 22 digits: no card hides inside a longer number
      '时间戳 1701907200002', // passes Luhn, starts with 1
      '时间戳 1701907200', // ten digits: not a mobile
      'price ¥1,299.00 or 12999.00 or 3.141592653589793238',
      '日期 2023-12-07 13:45:00',
      'SKU SN4111111111111111 and 4111111111111111A', // glued to letters: a code
      '手机号 1380013800', // ten digits
      '数量 138 0013 80001',
      '满 300 减 50，共 2 件',
    ];
    for (const text of untouched) expect(found(text), text).toEqual([]);
  });

  it('takes whole groups only and keeps a count written after a card', () => {
    expect(found('4111 1111 1111 1111 5 张')).toEqual([{ kind: 'card', text: '4111 1111 1111 1111', ending: '1111' }]);
    expect(found('卡 4111111111111111 手机 13800138000')).toEqual([
      { kind: 'card', text: '4111111111111111', ending: '1111' },
      { kind: 'mobile', text: '13800138000', ending: '8000' },
    ]);
  });
});
