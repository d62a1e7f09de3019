import { objection } from '../../../../test-utils/evaluation-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/evaluation/pages/objections/index';

describe('异议处理 (packages/evaluation/pages/objections)', () => {
  it('lists the month’s objections and decides one with a reason', async () => {
    Object.assign(wx, {
      showModal: jest.fn((opts: { success?: (r: { confirm: boolean; content?: string }) => void }) =>
        opts.success?.({ confirm: true, content: '核实属实' }),
      ),
    });
    wxm.cloud.reply('evaluation', 'objections', {
      ok: true,
      data: {
        items: [objection(), objection({ _id: 'obj-2', state: 'upheld', decisionReason: '已核实' })],
        nextOffset: null,
      },
    });
    wxm.cloud.reply('evaluation', 'decide', { ok: true, data: objection({ state: 'upheld', rev: 2 }) });
    const page = await openPage(ROUTE, { month: '2026-03' });
    expect(page.text('#objection-0')).toContain('未经审核试图发布（第十五条）');
    expect(page.text('#objection-0')).toContain('异议理由：误操作，未实际发布');
    expect(page.text('#objection-1')).toContain('处理理由：已核实');
    expect(page.exists('#uphold-1')).toBe(false);
    await page.fire('#uphold-0', 'click');
    expect(wxm.cloud.sent('evaluation', 'decide')).toEqual([
      { action: 'decide', objectionId: 'obj-1', expectedRev: 1, upheld: true, reason: '核实属实' },
    ]);
  });

  it('tells the second desk member that the objection was already decided', async () => {
    Object.assign(wx, {
      showModal: jest.fn((opts: { success?: (r: { confirm: boolean; content?: string }) => void }) =>
        opts.success?.({ confirm: true, content: '不予采纳' }),
      ),
    });
    wxm.cloud.reply('evaluation', 'objections', { ok: true, data: { items: [objection()], nextOffset: null } });
    wxm.cloud.reply('evaluation', 'decide', {
      ok: false,
      error: { code: 'ALREADY_DECIDED', message: '该异议已由他人处理' },
    });
    const page = await openPage(ROUTE, { month: '2026-03' });
    await page.fire('#reject-0', 'click');
    expect(wxm.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该异议已由他人处理' }));
  });
});
