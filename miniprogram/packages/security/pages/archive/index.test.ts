import { archiveView } from '../../../../test-utils/security-fixtures';
import { openPage } from '../../../../test-utils/simulate';
import { useWx } from '../../../../test-utils/wx';

const wxm = useWx();
const ROUTE = 'packages/security/pages/archive/index';

describe('归档详情 (packages/security/pages/archive)', () => {
  it('shows the files with sizes and SHA-256, gives links and copies one', async () => {
    wxm.cloud.reply('archive', 'get', { ok: true, data: archiveView() });
    const page = await openPage(ROUTE, { id: 'm-u-cs-2026-11' });
    expect(page.text('#head')).toContain('2026-11 月度归档｜长沙市公安局');
    expect(page.text('#file-0')).toContain('posts.jsonl');
    expect(page.text('#file-0')).toContain('178.9 KB｜42 条');
    expect(page.text('#file-2')).toContain('manifest.json');
    expect(page.text('#file-2')).toContain(`SHA-256 ${'c'.repeat(12)}…`);
    wxm.cloud.reply('archive', 'links', {
      ok: true,
      data: {
        files: ['posts.jsonl', 'summary.xlsx', 'manifest.json'].map((name) => ({
          name,
          url: `https://files.example/${name}`,
          bytes: 1,
          sha256: 'x',
        })),
        expiresAt: '2026-12-04T11:00:00.000+08:00',
      },
    });
    await page.fire('#links', 'click');
    expect(page.text('#links-until')).toContain('12-04 11:00 前有效');
    const clip = jest.spyOn(wx, 'setClipboardData');
    await page.fire('#copy-0', 'tap');
    expect(clip).toHaveBeenCalledWith(expect.objectContaining({ data: 'https://files.example/posts.jsonl' }));
    expect(page.exists('#open-1')).toBe(true);
    expect(page.exists('#open-0')).toBe(false);
  });

  it('verifies and names the file that differs from the manifest', async () => {
    wxm.cloud.reply('archive', 'get', { ok: true, data: archiveView() });
    const page = await openPage(ROUTE, { id: 'm-u-cs-2026-11' });
    wxm.cloud.reply('archive', 'verify', {
      ok: true,
      data: {
        ok: false,
        checkedAt: '2026-12-04T10:00:00.000+08:00',
        files: [
          { name: 'manifest.json', ok: true, expectedSha256: 'c', actualSha256: 'c', problem: null },
          { name: 'posts.jsonl', ok: false, expectedSha256: 'a', actualSha256: 'z', problem: '内容不一致' },
        ],
      },
    });
    await page.fire('#verify', 'click');
    expect(page.text('#last-check')).toContain('有文件与清单不一致');
    expect(page.text('#check-1')).toContain('内容不一致');
    expect(page.text('#check-0')).toContain('一致');
  });

  it('an archive still building offers neither links nor verification', async () => {
    wxm.cloud.reply('archive', 'get', {
      ok: true,
      data: archiveView({ state: 'building', files: [], manifest: null, completedAt: null, chunks: 3 }),
    });
    const page = await openPage(ROUTE, { id: 'm-u-cs-2026-11' });
    expect(page.text('#made')).toContain('生成中，已完成 3 批');
    expect(page.exists('#links')).toBe(false);
    expect(page.exists('#verify')).toBe(false);
  });
});
