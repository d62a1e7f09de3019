import { NETWORK_ERROR } from '../../services/api';
import { me } from '../../test-utils/fixtures';
import { auditItem } from '../../test-utils/org-fixtures';
import { openPage } from '../../test-utils/simulate';
import { useWx } from '../../test-utils/wx';

const wxm = useWx();

describe('审计日志 (pages/audit)', () => {
  it('shows a loading state until the log arrives', async () => {
    const pending = wxm.cloud.hold('org', 'auditLog');
    const page = await openPage('pages/audit/index', { unitId: 'u-cs' });
    expect(page.exists('#list >>> #loading')).toBe(true);
    await pending.resolve({ ok: true, data: { items: [auditItem({ seq: 7 })], nextBefore: null } });
    expect(page.exists('#entry-7')).toBe(true);
  });

  it("opens on the scope of the reader's role when no unit is given", async () => {
    wxm.cloud.reply('org', 'me', {
      ok: true,
      data: me({
        roles: [
          {
            role: 'propagandaStaff',
            unitName: '长沙市公安局政治部宣传处',
            unitId: 'u-cs-xcc',
            scopeUnitId: 'u-cs',
            scopeUnitName: '长沙市公安局',
          },
        ],
      }),
    });
    wxm.cloud.reply('org', 'auditLog', { ok: true, data: { items: [], nextBefore: null } });
    await openPage('pages/audit/index');
    expect(wxm.cloud.sent('org', 'auditLog')).toEqual([{ action: 'auditLog', unitId: 'u-cs', limit: 20 }]);
  });

  it('shows who did what, when in Beijing time, newest first, and pages back by seq', async () => {
    wxm.cloud.reply('org', 'auditLog', {
      ok: true,
      data: {
        items: [
          auditItem({ seq: 11, action: 'referral.refer', summary: '流转至承办部门：请核实（期限：2026-03-10 23:59）' }),
          auditItem({ seq: 10, action: 'post.draftSave', summary: '新建稿件《夜间巡逻纪实》（长沙警事）' }),
          auditItem({
            seq: 9,
            at: '2026-11-28T01:30:00.000Z',
            action: 'org.setOperators',
            summary: '调整账号长沙警事的AB角运营民警',
          }),
          auditItem({
            seq: 8,
            action: 'org.bind',
            summary: '张伟绑定微信',
            actor: {
              personId: 'p-r',
              role: null,
              unitId: 'u-cs-xcc',
              name: '张伟',
              unitName: '长沙市公安局政治部宣传处',
            },
          }),
        ],
        nextBefore: 8,
      },
    });
    const page = await openPage<{ list: { items: { seq: number }[] } }>('pages/audit/index', { unitId: 'u-cs' });
    expect(page.text('#entry-9')).toContain('调整账号长沙警事的AB角运营民警');
    expect(page.text('#entry-9')).toContain('11-28 09:30 · 吴刚 · 单位管理员 · 长沙市公安局');
    expect(page.text('#entry-9')).toContain('调整AB角');
    expect(page.text('#entry-8')).toContain('张伟 · 长沙市公安局政治部宣传处');
    // every action reads in Chinese, never as a function's name
    expect(page.text('#entry-10')).toContain('保存稿件');
    expect(page.text('#entry-11')).toContain('流转');
    expect(page.text()).not.toMatch(/[a-z]+\.[a-z]+/i);

    wxm.cloud.reply('org', 'auditLog', { ok: true, data: { items: [auditItem({ seq: 3 })], nextBefore: null } });
    await page.fire('#list >>> #more', 'tap');
    expect(wxm.cloud.sent('org', 'auditLog')[1]).toEqual({ action: 'auditLog', unitId: 'u-cs', before: 8, limit: 20 });
    expect(page.data().list.items.map((e) => e.seq)).toEqual([11, 10, 9, 8, 3]);
    expect(page.text('#list >>> #end')).toContain('没有更多了');
  });

  it('shows an empty state', async () => {
    wxm.cloud.reply('org', 'auditLog', { ok: true, data: { items: [], nextBefore: null } });
    const page = await openPage('pages/audit/index', { unitId: 'u-ly' });
    expect(page.text('#list >>> #empty')).toContain('暂无操作记录');
  });

  it('verifies the chain and says whether, and where, it was tampered with', async () => {
    wxm.cloud.reply('org', 'auditLog', { ok: true, data: { items: [], nextBefore: null } });
    const page = await openPage('pages/audit/index', { unitId: 'u-hn' });
    wxm.cloud.reply('org', 'auditVerify', { ok: true, data: { ok: true, checked: 2100, headSeq: 2100 } });
    await page.fire('#verify', 'click');
    expect(page.text('#verdict')).toBe('日志完整：已校验 2100 条，未发现篡改或缺失');

    wxm.cloud.reply('org', 'auditVerify', {
      ok: true,
      data: { ok: false, checked: 1499, badSeq: 1500, reason: 'HASH_MISMATCH', message: '审计日志记录内容被篡改' },
    });
    await page.fire('#verify', 'click');
    expect(page.text('#verdict')).toBe('第 1500 条起日志异常：审计日志记录内容被篡改');

    wxm.cloud.reply('org', 'auditVerify', {
      ok: false,
      error: { code: 'OUT_OF_SCOPE', message: '超出本人管辖范围，无权操作' },
    });
    await page.fire('#verify', 'click');
    expect(page.text('#verdict')).toBe('超出本人管辖范围，无权操作');
  });

  it('shows the error with 重试', async () => {
    wxm.cloud.failNetwork('org', 'auditLog');
    const page = await openPage('pages/audit/index', { unitId: 'u-cs' });
    expect(page.text('#list >>> #error')).toContain(NETWORK_ERROR.message);
    wxm.cloud.reply('org', 'auditLog', { ok: true, data: { items: [auditItem({ seq: 1 })], nextBefore: null } });
    await page.fire('#list >>> #error', 'retry');
    expect(page.exists('#entry-1')).toBe(true);
  });
});
