import { isDomainError } from '../errors';
import { MAX_BATCH_ITEMS, parseMessageBatch } from './batch';

function parsed(text: string) {
  const r = parseMessageBatch(text);
  if (isDomainError(r)) throw new Error(`unexpected refusal ${r.code}`);
  return r;
}

describe('parseMessageBatch', () => {
  it('takes one message per line when there are no blank lines, with optional nicknames', () => {
    const r = parsed('张三：请问身份证怎么补办？\n李四:路口的红绿灯坏了\n没有昵称的一条留言\n');
    expect(r.items).toEqual([
      { line: 1, senderNickname: '张三', text: '请问身份证怎么补办？' },
      { line: 2, senderNickname: '李四', text: '路口的红绿灯坏了' },
      { line: 3, senderNickname: null, text: '没有昵称的一条留言' },
    ]);
    expect(r.warnings).toEqual([]);
  });

  it('separates messages by blank lines and keeps a multi-line message together', () => {
    const r = parsed('王五：第一行\n第二行\n\n\n赵六：另一条\n\n一条没有昵称\n也跨两行');
    expect(r.items).toEqual([
      { line: 1, senderNickname: '王五', text: '第一行\n第二行' },
      { line: 5, senderNickname: '赵六', text: '另一条' },
      { line: 7, senderNickname: null, text: '一条没有昵称\n也跨两行' },
    ]);
  });

  it('starts a new message at a nickname line inside a block', () => {
    const r = parsed('甲：一\n乙：二\n续写\n\n丙：三');
    expect(r.items.map((i) => [i.senderNickname, i.text])).toEqual([
      ['甲', '一'],
      ['乙', '二\n续写'],
      ['丙', '三'],
    ]);
  });

  it('takes a nickname alone on a block first line, with the text below it', () => {
    const r = parsed('警民一家亲：\n辖区夜里噪音扰民\n\n另一条');
    expect(r.items[0]).toEqual({ line: 1, senderNickname: '警民一家亲', text: '辖区夜里噪音扰民' });
  });

  it('does not mistake times, links, lead-ins or sentences for nicknames', () => {
    const r = parsed(
      [
        '12:30 在人民路看到车祸',
        'https://weibo.com/123 这条微博里有人求助',
        '请问：驾照换证要带什么',
        '我想问一下，户口：怎么迁',
        '下午3:30有人打架',
      ].join('\n'),
    );
    expect(r.items.map((i) => i.senderNickname)).toEqual([null, null, null, null, null]);
    expect(r.items[0]?.text).toBe('12:30 在人民路看到车祸');
  });

  it('drops list marks, Windows line ends and a byte-order mark', () => {
    const r = parsed('\uFEFF1、张三：第一条\r\n2. 第二条\r\n- 第三条\r\n3.5米宽的路被占了');
    expect(r.items.map((i) => [i.senderNickname, i.text])).toEqual([
      ['张三', '第一条'],
      [null, '第二条'],
      [null, '第三条'],
      [null, '3.5米宽的路被占了'],
    ]);
  });

  it('drops exact repeats with a warning', () => {
    const r = parsed('张三：同一句话\n李四：同一句话\n张三：同一句话');
    expect(r.items).toHaveLength(2);
    expect(r.warnings).toEqual(['第3行与第1行内容重复，已忽略']);
  });

  it('refuses an empty paste and an oversized one', () => {
    expect(parseMessageBatch(' \n\n  ')).toMatchObject({ code: 'BATCH_EMPTY' });
    const many = Array.from({ length: MAX_BATCH_ITEMS + 1 }, (_, i) => `第${i}条`).join('\n');
    expect(parseMessageBatch(many)).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    expect(parsed(Array.from({ length: MAX_BATCH_ITEMS }, (_, i) => `第${i}条`).join('\n')).items).toHaveLength(
      MAX_BATCH_ITEMS,
    );
  });
});
