import { passwordFindings, passwordLikeFields, passwordRefusal } from './passwords';

describe('password-like content (第三十三条)', () => {
  it('finds fields named like a password at any depth, and texts that state one', () => {
    const request = {
      accountId: 'a',
      settings: { loginPwd: 'x', holders: [{ note: '密码：Abc@1234' }] },
      note: 'password = hunter22',
      口令: '1',
    };
    expect(passwordFindings(request)).toEqual([
      { path: 'settings.loginPwd', why: 'key' },
      { path: 'settings.holders.0.note', why: 'value' },
      { path: 'note', why: 'value' },
      { path: '口令', why: 'key' },
    ]);
    expect(passwordLikeFields(request)).toEqual(['settings.loginPwd', '口令']);
  });

  it('leaves words about passwords alone', () => {
    for (const text of [
      '密码泄露',
      '已更换密码并开启登录保护',
      '密码为弱密码，已提醒',
      '新密码是不是太简单',
      '请勿把密码告诉他人',
      '密码：',
      'passwordChanged',
    ]) {
      expect([text, passwordFindings({ note: text })]).toEqual([text, []]);
    }
    expect(passwordFindings({ passed: true, passage: 'x', kind: 'passwordLeaked' })).toEqual([]);
  });

  it('says which fields to remove', () => {
    expect(passwordRefusal([{ path: 'a.pwd', why: 'key' }])).toBe(
      '系统不保存新媒体平台账号密码，请删除字段：a.pwd（第三十三条）',
    );
    expect(passwordRefusal([{ path: 'note', why: 'value' }])).toBe(
      '系统不保存新媒体平台账号密码，请勿在内容中填写密码：note（第三十三条）',
    );
  });
});
