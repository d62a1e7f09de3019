import { detectCommercial } from './detectors/commercial';
import { detectMinorIdentity } from './detectors/minors';
import {
  detectPersonalData,
  isResidentId,
  luhnValid,
  maskResidentId,
  residentIdCheckChar,
} from './detectors/personal-data';
import { readFileSync } from 'node:fs';
import { detectSecretMarks, holdsAny, MARKS } from './detectors/secrets';
import { detectorText, scan, type DetectorHit } from './detectors/types';
import { snapshotTexts, SNAPSHOT_FILE, type ScreenSnapshot } from '../../test/screening-snapshot/record';
import { mergeMsgSecCheck, msgSecLabelName } from './msgsec';
import { screen } from './screen';
import { checkSource, detectForeignLinks, isForeignHost } from './sources';

const brief = (hits: DetectorHit[]): [string, number, number, string][] =>
  hits.map((h) => [h.detector, h.start, h.end, h.matched]);

describe('resident ID numbers', () => {
  it('computes the GB 11643 check character', () => {
    // The standard's own example.
    expect(residentIdCheckChar('11010519491231002')).toBe('X');
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('11010519491231002x')).toBe(true);
    expect(isResidentId('430104198511122315')).toBe(true);
  });

  it('rejects a wrong check digit, an impossible date or an unknown province', () => {
    expect(isResidentId('430104198511122316')).toBe(false);
    expect(isResidentId('430104198502302317')).toBe(false); // 30 February
    const base = '99010419851112231';
    expect(isResidentId(base + residentIdCheckChar(base))).toBe(false);
  });

  it('accepts a 15-digit legacy number with a valid date only', () => {
    expect(isResidentId('430103850214123')).toBe(true);
    expect(isResidentId('430103851314123')).toBe(false);
  });

  it('handles leap days', () => {
    const leap = '43010420000229123';
    const notLeap = '43010419000229123';
    expect(isResidentId(leap + residentIdCheckChar(leap))).toBe(true);
    expect(isResidentId(notLeap + residentIdCheckChar(notLeap))).toBe(false);
  });
});

describe('Luhn', () => {
  it('accepts valid card numbers and rejects a changed digit', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('6217002860001234565')).toBe(true);
    expect(luhnValid('6217002860001234566')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });
});

describe('personal data detector', () => {
  it('finds an ID number and shows it masked', () => {
    const text = '失主身份证号430104198511122315请认领';
    expect(brief(detectPersonalData(text))).toEqual([['idNumber', 6, 24, '430*************15']]);
    expect(maskResidentId('11010519491231002X')).toBe('110*************2X');
  });

  it('ignores an 18-digit number whose check digit is wrong', () => {
    expect(detectPersonalData('编号430104198511122316')).toEqual([]);
  });

  it('finds a spaced ID number and full-width digits', () => {
    expect(brief(detectPersonalData('证件430104 19851112 2315'))).toEqual([['idNumber', 2, 22, '430*************15']]);
    expect(brief(detectPersonalData('４３０１０４１９８５１１１２２３１５'))).toEqual([
      ['idNumber', 0, 18, '430*************15'],
    ]);
  });

  it('finds mobile numbers with or without separators and +86', () => {
    expect(brief(detectPersonalData('电话13974125896。'))).toEqual([['mobile', 2, 13, '139****5896']]);
    expect(brief(detectPersonalData('tel:+86 139-7412-5896'))).toEqual([['mobile', 4, 21, '139****5896']]);
  });

  it('does not read a mobile number out of a longer digit string', () => {
    expect(detectPersonalData('订单号2139741258961')).toEqual([]);
  });

  it('skips a police officer’s published work mobile', () => {
    expect(detectPersonalData('社区民警工作手机13807311234')).toEqual([]);
  });

  it('finds Luhn-valid bank cards only', () => {
    expect(brief(detectPersonalData('卡号6217 0028 6000 1234 565'))).toEqual([
      ['bankCard', 2, 25, '6217***********4565'],
    ]);
    expect(detectPersonalData('卡号6217002860001234566')).toEqual([]);
  });

  it('finds full plates but not masked ones', () => {
    expect(brief(detectPersonalData('车牌湘A·8K762的小车'))).toEqual([['plate', 2, 10, '湘A****2']]);
    expect(brief(detectPersonalData('粤BD12345'))).toEqual([['plate', 0, 8, '粤B*****5']]);
    expect(detectPersonalData('车牌号为湘A·5****')).toEqual([]);
  });

  it('finds a home address down to the flat but not an office address', () => {
    const text = '住芙蓉中路168号5栋3单元702室。';
    expect(brief(detectPersonalData(text))).toEqual([['address', 1, 18, '芙蓉中路***号*栋*单元***室']]);
    expect(detectPersonalData('办公地址：湘江中路58号')).toEqual([]);
    expect(detectPersonalData('服务大厅在人民路88号3楼')).toEqual([]);
  });

  it('never shows a full number in any hit', () => {
    const text = '身份证430104198511122315，手机13974125896，卡号6217002860001234565';
    for (const h of detectPersonalData(text)) expect(text).not.toContain(h.matched);
  });
});

describe('minors detector', () => {
  it('fires on a named child, a school and a class', () => {
    const text = '男孩王小明（12岁）就读于长沙市砂子塘小学三年级2班，近日遭人抢劫。';
    expect(detectMinorIdentity(text).map((h) => h.matched)).toEqual(['王小明', '长沙市砂子塘小学', '三年级2班']);
  });

  it('fires on 名叫 … 16岁', () => {
    expect(detectMinorIdentity('嫌疑人名叫陈浩，16岁，系职校学生').map((h) => h.matched)).toEqual(['陈浩']);
  });

  it('does not fire on masked names or generic schools', () => {
    expect(detectMinorIdentity('男孩王某（12岁）在辖区某小学就读。')).toEqual([]);
    expect(detectMinorIdentity('女孩李某某（化名），今年9岁。')).toEqual([]);
    expect(detectMinorIdentity('民警走进辖区小学，为孩子们上安全课。')).toEqual([]);
    // a kind of school, or the school after 为, names no child's school
    expect(detectMinorIdentity('开学第一课：民警为小学生讲解交通安全知识。')).toEqual([]);
    expect(detectMinorIdentity('民警走进特殊教育学校，为孩子们送去节日礼物。')).toEqual([]);
    expect(detectMinorIdentity('男孩在长沙市特殊教育学校就读。').map((h) => h.matched)).toEqual(['长沙市特殊教育学校']);
  });

  it('does not fire without a minor in the sentence', () => {
    expect(detectMinorIdentity('王小明就读于长沙市砂子塘小学。')).toEqual([]);
    expect(detectMinorIdentity('嫌疑人名叫陈浩，35岁。')).toEqual([]);
  });
});

describe('secret marks', () => {
  it('fires on star and bracket marks and on 绝密', () => {
    const text = '★机密 通知【内部】，绝密文件';
    expect(brief(detectSecretMarks(text))).toEqual([
      ['secretMark', 0, 3, '★机密'],
      ['secretMark', 6, 10, '【内部】'],
      ['secretMark', 11, 13, '绝密'],
    ]);
    expect(brief(detectSecretMarks('秘密★1年'))).toEqual([['secretMark', 0, 5, '秘密★1年']]);
  });

  it('does not fire on everyday 秘密, 机密 or 内部', () => {
    expect(detectSecretMarks('揭开长寿的秘密，商业机密要保护，内部装修已完工。')).toEqual([]);
    // A meeting is news about police work (（二）7), not a marked document.
    expect(detectSecretMarks('分局召开作风建设内部通报会，通报了三起典型问题。')).toEqual([]);
    expect(detectSecretMarks('民警与群众保持密切联系（密切配合）。')).toEqual([]);
  });

  it('fires on the one-character mark （密） and on a 内部通报 itself', () => {
    expect(brief(detectSecretMarks('关于近期重点人员动向的通报（密）'))).toEqual([['secretMark', 13, 16, '（密）']]);
    expect(brief(detectSecretMarks('【密】名单附后'))).toEqual([['secretMark', 0, 3, '【密】']]);
    expect(brief(detectSecretMarks('转发一份内部通报，大家看看'))).toEqual([['secretMark', 4, 8, '内部通报']]);
  });

  it('finds every mark with one of the characters and pairs its pattern needs (the one-scan detectors skip windows without)', () => {
    const snapshot = JSON.parse(readFileSync(SNAPSHOT_FILE, 'utf8')) as ScreenSnapshot;
    let matches = 0;
    let paired = 0;
    for (const { text } of snapshotTexts(snapshot)) {
      const view = detectorText(text);
      for (const { pattern, needs, pairs } of MARKS) {
        for (const m of scan(pattern, view)) {
          matches++;
          if (!holdsAny(m.value, needs)) expect({ pattern: pattern.source, match: m.value }).toEqual({ needs });
          if (!pairs) continue;
          paired++;
          if (!pairs.some((p) => m.value.includes(p)))
            expect({ pattern: pattern.source, match: m.value }).toEqual({ pairs });
        }
      }
    }
    expect(matches).toBeGreaterThan(400);
    expect(paired).toBeGreaterThan(100);
  });

  it('needs pairs that every word of its pattern holds', () => {
    // Each alternative of the word patterns, matched alone, holds one of the pattern's pairs.
    for (const { pattern, pairs } of MARKS) {
      if (!pairs) continue;
      const words = pattern.source.split('|').map((w) => w.replace(/\(\?!.*\)$/, ''));
      expect(words.length).toBeGreaterThan(5);
      for (const w of words) {
        expect(scan(pattern, w).map((m) => m.value)).toEqual([w]);
        expect({ w, holds: pairs.some((p) => w.includes(p)) }).toEqual({ w, holds: true });
      }
    }
  });

  it('reads traditional characters', () => {
    expect(brief(detectSecretMarks('內部資料，別外傳'))).toEqual([
      ['secretMark', 0, 4, '內部資料'],
      ['secretMark', 5, 8, '別外傳'],
    ]);
  });
});

describe('commercial detector', () => {
  it('fires on ¥ prices, N元 beside a selling word, calls to buy, shop links and 淘口令', () => {
    const text = '原价199元，点击购买 https://item.taobao.com/x?id=1 ￥99';
    expect(brief(detectCommercial(text))).toEqual([
      ['price', 2, 6, '199元'],
      ['purchaseCall', 7, 11, '点击购买'],
      ['shopLink', 12, 42, 'https://item.taobao.com/x?id=1'],
      ['price', 43, 46, '￥99'],
    ]);
    expect(brief(detectCommercial('复制￥Xn8d2aP0Lq9￥打开手机淘宝'))[0]).toEqual([
      'shopLink',
      0,
      21,
      '复制￥Xn8d2aP0Lq9￥打开手机淘宝',
    ]);
  });

  it('does not fire on fines, losses or a scam being described', () => {
    expect(detectCommercial('处罚款200元，记3分。')).toEqual([]);
    expect(detectCommercial('受害人被骗3800元。')).toEqual([]);
    expect(detectCommercial('骗子以领取优惠券为由诱导受害人点击链接。')).toEqual([]);
  });
});

describe('sources', () => {
  it('flags a foreign outlet, in any script, and its domain', () => {
    const hits = checkSource({ outlet: '紐約時報中文網', link: 'https://cn.nytimes.com/china/1' });
    expect(hits.map((h) => [h.where, h.start, h.end, h.matched, h.ref])).toEqual([
      ['outlet', 0, 4, '紐約時報', '第十七条（一）12'],
      ['link', 8, 22, 'cn.nytimes.com', '第十七条（一）12'],
    ]);
  });

  it('passes a domestic source and flags a missing one (第二十一条)', () => {
    expect(checkSource({ outlet: '人民日报', link: 'https://wap.peopleapp.com/article/1' })).toEqual([]);
    expect(checkSource({ outlet: '  ', link: '' }).map((h) => [h.category, h.ref, h.effect])).toEqual([
      ['sourceMissing', '第二十一条', 'block'],
    ]);
  });

  it('treats two-letter country domains as foreign, except .cn and vanity ones', () => {
    expect(isForeignHost('news.example.de')).toBe(true);
    expect(isForeignHost('www.gov.cn')).toBe(false);
    expect(isForeignHost('police.com.cn')).toBe(false);
    expect(isForeignHost('tool.io')).toBe(false);
    expect(isForeignHost('example.com')).toBe(false);
    expect(isForeignHost('m.youtube.com')).toBe(true);
  });

  it('finds foreign links in text: listed domains bare, others only as URLs', () => {
    expect(brief(detectForeignLinks('见 bbc.com/zhongwen 与 https://a.example.jp/x，或 mr.li'))).toEqual([
      ['foreignDomain', 2, 18, 'bbc.com/zhongwen'],
      ['foreignDomain', 21, 43, 'https://a.example.jp/x'],
    ]);
  });
});

describe('msgSecCheck merge', () => {
  const base = screen(
    { text: '平安出行', context: { kind: 'post', accountKind: 'institutional' } },
    { version: 'm', terms: [], allow: [] },
  );

  it('leaves a pass verdict alone', () => {
    expect(mergeMsgSecCheck(base, { suggest: 'pass', label: 100 })).toBe(base);
  });

  it('turns risky into a block and shows the label', () => {
    const r = mergeMsgSecCheck(base, { suggest: 'risky', label: 20006 });
    expect(r.blocked).toBe(true);
    expect(r.hits).toEqual([
      expect.objectContaining({
        where: 'platform',
        effect: 'block',
        label: 20006,
        labelName: '违法犯罪',
        category: 'platformRisky',
      }),
    ]);
  });

  it('turns review into a caution', () => {
    const r = mergeMsgSecCheck(base, { suggest: 'review', label: 10001 });
    expect(r.blocked).toBe(false);
    expect(r.hits[0]).toEqual(
      expect.objectContaining({ effect: 'caution', labelName: '广告', category: 'platformReview' }),
    );
  });

  it('names every documented label and marks unknown ones', () => {
    expect([100, 10001, 20001, 20002, 20003, 20006, 20008, 20012, 20013, 21000].map(msgSecLabelName)).toEqual([
      '正常',
      '广告',
      '时政',
      '色情',
      '辱骂',
      '违法犯罪',
      '欺诈',
      '低俗',
      '版权',
      '其他',
    ]);
    expect(msgSecLabelName(99999)).toBe('未知标签（99999）');
  });
});
