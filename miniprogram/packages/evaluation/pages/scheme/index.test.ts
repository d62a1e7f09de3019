import type { SchemeData, SchemeView } from '../../../../../typings/evaluation';
import { DEFAULT_SCHEME_DATA } from '../../../../../core/evaluation/default-scheme';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/evaluation/pages/scheme/index';

const view = (desk: boolean): SchemeView => ({
  scheme: {
    _id: 'scheme-v0',
    version: 0,
    fromMonth: '2000-01',
    createdBy: null,
    createdAt: '',
    ...(JSON.parse(JSON.stringify(DEFAULT_SCHEME_DATA)) as SchemeData),
  },
  versions: [{ version: 0, fromMonth: '2000-01' }],
  nextEditableMonth: '2026-05',
  desk,
});

describe('评估办法 (packages/evaluation/pages/scheme)', () => {
  it('shows every indicator and deduction with its article, and saves the desk’s points for the next period', async () => {
    wxm.cloud.reply('evaluation', 'scheme', { ok: true, data: view(true) });
    wxm.cloud.reply('evaluation', 'schemeSave', { ok: true, data: view(true) });
    const page = await openPage(ROUTE);
    expect(page.text('#version')).toContain('2026-05');
    expect(page.text('#weight-cadence')).toContain('第十九条');
    expect(page.text('#points-silence')).toContain('第三十六条');
    await page.fire('#weight-cadence', 'change', '30');
    await page.fire('#save', 'click');
    const [sent] = wxm.cloud.sent('evaluation', 'schemeSave') as Array<{
      fromMonth: string;
      expectedVersion: number;
      scheme: { indicators: Array<{ key: string; weight: number }> };
    }>;
    expect(sent?.fromMonth).toBe('2026-05');
    expect(sent?.expectedVersion).toBe(0);
    expect(sent?.scheme.indicators.find((i) => i.key === 'cadence')?.weight).toBe(30);
  });

  it('offers no save to a unit', async () => {
    wxm.cloud.reply('evaluation', 'scheme', { ok: true, data: view(false) });
    const page = await openPage(ROUTE);
    expect(page.exists('#save')).toBe(false);
  });
});
