import { quotedMessage, unansweredMessage } from './quoted';

const parts = (text: string): [string, string] | null => {
  const q = quotedMessage(text);
  return q ? [text.slice(q.message.start, q.message.end), text.slice(q.reply.start, q.reply.end)] : null;
};

describe('quotedMessage: where a 留言回复 quotes a netizen and where the unit answers', () => {
  it('finds the reply on a line of its own, under the markers a unit uses', () => {
    expect(parts('网友问：派出所周末上班吗？\n答：户籍窗口周六上午正常办公。')).toEqual([
      '网友问：派出所周末上班吗？\n',
      '答：户籍窗口周六上午正常办公。',
    ]);
    expect(parts('【网友留言】小区门口总有人乱停车。\n【小编回复】已转交警中队处理。')?.[1]).toBe(
      '【小编回复】已转交警中队处理。',
    );
    expect(parts('读者留言：开证明要去哪？\n小编：本人带身份证到户籍地派出所。')?.[1]).toBe(
      '小编：本人带身份证到户籍地派出所。',
    );
    expect(parts('【网友来信】“桥上堵死了。”\n【青溪警方】交警正在现场疏导。')?.[1]).toBe(
      '【青溪警方】交警正在现场疏导。',
    );
    expect(parts('网民留言：噪音扰民怎么办？\n办理结果：已责令整改。')?.[1]).toBe('办理结果：已责令整改。');
    expect(parts('@木子李：护照怎么办？\n@平安青溪：带身份证到出入境大厅。')?.[1]).toBe(
      '@平安青溪：带身份证到出入境大厅。',
    );
  });

  it('finds a reply tagged after the message in the same line', () => {
    expect(parts('【网友提问】被人打了怎么办？【警方回复】请拨打110报警。')).toEqual([
      '【网友提问】被人打了怎么办？',
      '【警方回复】请拨打110报警。',
    ]);
  });

  it('finds a reply in the same line once a sentence of the message has ended', () => {
    expect(parts('问：身份证办了两个月还没拿到？答：您好，制证中心已寄出。')).toEqual([
      '问：身份证办了两个月还没拿到？',
      '答：您好，制证中心已寄出。',
    ]);
    expect(parts('留言内容：小区门口有人占道摆摊。回复内容：您好！已转城管部门处理。')?.[1]).toBe(
      '回复内容：您好！已转城管部门处理。',
    );
    expect(parts('来信：感谢民警帮我推车。复函：您好！来信收悉。')?.[1]).toBe('复函：您好！来信收悉。');
    expect(parts('有网友问：“电动车不戴头盔要罚款吗？”交警大队回复：以劝导为主。')?.[1]).toBe(
      '交警大队回复：以劝导为主。',
    );
    // 答 inside the message's own words is not a reply
    expect(quotedMessage('网友问：报警后民警答应回电，一直没回，怎么办？')).toBeNull();
  });

  it('looks past a title line, as the post shell screens title and text, and leaves the title out of both', () => {
    const text = '有问必答\n网友问：派出所周末上班吗？\n答：户籍窗口周六上午正常办公。';
    expect(quotedMessage(text)).toEqual({
      message: { start: 5, end: text.indexOf('答：') },
      reply: { start: text.indexOf('答：'), end: text.length },
    });
    expect(parts('答疑\n平安青溪：回复@小太阳：可拨打12333投诉。//@小太阳：工地拖欠工资怎么办？')?.[1]).toBe(
      '平安青溪：回复@小太阳：可拨打12333投诉。',
    );
    // a long first line is the body, not a title
    expect(quotedMessage(`${'今天'.repeat(21)}\n网友问：派出所周末上班吗？\n答：正常办公。`)).toBeNull();
  });

  it("reads a press conference's transcript as a message and its reply: the reporter asks, the spokesperson answers", () => {
    expect(parts('记者：夜里报警多久能出警？\n发言人：城区一般十五分钟内到场。')).toEqual([
      '记者：夜里报警多久能出警？\n',
      '发言人：城区一般十五分钟内到场。',
    ]);
    expect(parts('记者提问：网传的截图是真的吗？新闻发言人：经核实，系伪造。')?.[1]).toBe(
      '新闻发言人：经核实，系伪造。',
    );
    expect(parts('【提问】电诈案件为何上升？【回应】主要是新型手法增多，我们正加强劝阻。')).toEqual([
      '【提问】电诈案件为何上升？',
      '【回应】主要是新型手法增多，我们正加强劝阻。',
    ]);
    expect(parts('朋友问：当警察累不累？我答：累，但值得。')?.[1]).toBe('我答：累，但值得。');
    // a report that names its reporter, and a spokesperson quoted inside the unit's own text, are not a transcript
    expect(quotedMessage('记者：李明\n今天上午，我市开展禁毒宣传活动，发言人表示将持续推进。')).toBeNull();
    expect(quotedMessage('今天上午，市局召开新闻发布会。发言人：今年以来全市刑事警情同比下降。')).toBeNull();
  });

  it('finds a message published without a reply, and where its words begin after the marker', () => {
    const body = (text: string): string | null => {
      const span = unansweredMessage(text);
      return span ? text.slice(span.start, span.end) : null;
    };
    expect(body('【有问必答】网友问：听说有民警出警受伤了，是真的吗？')).toBe('听说有民警出警受伤了，是真的吗？');
    expect(body('有问必答\n网友留言：城南派出所的民警打人了？')).toBe('城南派出所的民警打人了？');
    expect(body('记者：网传的截图是真的吗？')).toBe('网传的截图是真的吗？');
    // answered, or no message at all: none
    expect(unansweredMessage('网友问：派出所周末上班吗？\n答：户籍窗口周六上午正常办公。')).toBeNull();
    expect(unansweredMessage('户籍窗口本周六正常上班，办理身份证请携带户口簿。')).toBeNull();
    expect(unansweredMessage('【网友留言】')).toBeNull();
  });

  it("reads 微博's reply chain the other way round: the answer first, the message after //@", () => {
    expect(parts('平安青溪：回复@小太阳：可拨打12333投诉。//@小太阳：工地拖欠工资怎么办？')).toEqual([
      '//@小太阳：工地拖欠工资怎么办？',
      '平安青溪：回复@小太阳：可拨打12333投诉。',
    ]);
  });

  it('is null for a post that quotes no message, or quotes one and does not answer it', () => {
    for (const text of [
      '户籍窗口本周六正常上班，办理身份证请携带户口簿。',
      '【有问必答】网友问：听说有民警出警受伤了，是真的吗？',
      '各位邻居：\n@所有人：明天上午小区停水，请提前储水。',
      '今天的普法知识问答\n答：醉驾一律入刑。',
      '为兄弟单位点赞！//@平江日报:平江区一起盗窃案告破。',
      '',
    ])
      expect(quotedMessage(text)).toBeNull();
  });

  it('never takes the opening tag of a column for the reply (【在线答疑】, 【有问必答】)', () => {
    expect(parts('【在线答疑】问：驾驶证到期怎么换？\n答：可在交管12123申请。')?.[0]).toBe(
      '【在线答疑】问：驾驶证到期怎么换？\n',
    );
    expect(quotedMessage('【有问必答】网友问：驾驶证到期怎么换？可以线上办吗？')).toBeNull();
  });
});
