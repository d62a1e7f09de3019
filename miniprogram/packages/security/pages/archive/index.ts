/**
 * One archive (第三十二条): what it holds, its files with their sizes and SHA-256 as the manifest
 * records them, temporary download links (an hour), and verification: the function re-reads every
 * file from storage and compares it with the manifest, and the page says which file, if any, differs.
 */
import type { ArchiveLink, ArchiveView } from '../../../../../typings/archive';
import { call } from '../../../../services/api';
import { latestData, type LoadState } from '../../../../services/load';
import type { DatasetEvent } from '../../../../utils/events';
import { archiveTitle, formatBeijing, formatBytes, recordsLabel } from '../../utils/security';

interface FileRow {
  name: string;
  size: string;
  sha: string;
  url: string;
}

interface CheckRow {
  name: string;
  ok: boolean;
  problem: string;
}

interface ArchiveData extends LoadState {
  id: string;
  title: string;
  period: string;
  records: string;
  complete: boolean;
  made: string;
  files: FileRow[];
  linksUntil: string;
  lastCheck: string;
  lastCheckOk: boolean;
  checks: CheckRow[];
  busy: boolean;
  refusal: string;
}

interface ArchiveCustom {
  loadSeq: number;
  load(): Promise<void>;
  show(a: ArchiveView): void;
  onRetry(): void;
  onLinks(): Promise<void>;
  onCopy(event: DatasetEvent<{ url: string }>): void;
  onOpen(event: DatasetEvent<{ url: string; name: string }>): void;
  onVerify(): Promise<void>;
}

const shortSha = (sha: string): string => `${sha.slice(0, 12)}…${sha.slice(-6)}`;

Page<ArchiveData, ArchiveCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    id: '',
    title: '',
    period: '',
    records: '',
    complete: false,
    made: '',
    files: [],
    linksUntil: '',
    lastCheck: '',
    lastCheckOk: true,
    checks: [],
    busy: false,
    refusal: '',
  },
  loadSeq: 0,

  onLoad(query: Record<string, string | undefined>) {
    this.setData({ id: decodeURIComponent(query.id ?? '') });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const a = await latestData(this, call('archive', 'get', { archiveId: this.data.id }));
    if (a) this.show(a);
  },

  show(a) {
    const files = [...a.files, ...(a.manifest ? [a.manifest] : [])];
    const v = a.lastVerification;
    this.setData({
      status: 'ready',
      title: archiveTitle(a),
      period: `${a.from} 至 ${a.to}`,
      records: recordsLabel(a),
      complete: a.state === 'complete',
      made:
        a.state === 'complete'
          ? `${formatBeijing(a.completedAt)} 生成完毕，共 ${a.chunks} 批`
          : `生成中，已完成 ${a.chunks} 批，稍后刷新`,
      files: files.map((f) => ({
        name: f.name,
        size: `${formatBytes(f.bytes)}${f.records === null ? '' : `｜${f.records} 条`}`,
        sha: shortSha(f.sha256),
        url: '',
      })),
      lastCheck: v
        ? `${formatBeijing(v.at)} ${v.byName} 校验：${v.ok ? '一致' : `不一致（${v.problems.join('；')}）`}`
        : '',
      lastCheckOk: v ? v.ok : true,
    });
  },

  async onLinks() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('archive', 'links', { archiveId: this.data.id });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    const byName = new Map<string, ArchiveLink>(res.data.files.map((f) => [f.name, f]));
    this.setData({
      files: this.data.files.map((f) => ({ ...f, url: byName.get(f.name)?.url ?? '' })),
      linksUntil: `链接 ${formatBeijing(res.data.expiresAt)} 前有效`,
    });
  },

  onCopy(event) {
    void wx.setClipboardData({ data: event.currentTarget.dataset.url });
  },

  onOpen(event) {
    const { url } = event.currentTarget.dataset;
    wx.downloadFile({
      url,
      success: (res) => void wx.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true }),
      fail: () => void wx.showToast({ title: '下载失败，请重试', icon: 'none' }),
    });
  },

  async onVerify() {
    if (this.data.busy) return;
    this.setData({ busy: true, refusal: '' });
    const res = await call('archive', 'verify', { archiveId: this.data.id });
    this.setData({ busy: false });
    if (!res.ok) {
      this.setData({ refusal: res.error.message });
      return;
    }
    this.setData({
      checks: res.data.files.map((f) => ({ name: f.name, ok: f.ok, problem: f.problem ?? '一致' })),
      lastCheck: `${formatBeijing(res.data.checkedAt)} 校验：${res.data.ok ? '全部文件与清单一致' : '有文件与清单不一致'}`,
      lastCheckOk: res.data.ok,
    });
  },
});
