import { call } from '../../services/api';
import { HOME_PAGE, openPage } from '../../services/navigation';
import type { ValueEvent } from '../../utils/events';

interface BindData {
  inviteCode: string;
  codeError: string;
  submitting: boolean;
  /** 第三十三条: this WeChat's binding moved to another WeChat; said plainly, with what to do. */
  movedNotice: string;
}

interface BindCustom {
  onLoad(): void;
  onCodeChange(event: ValueEvent<string>): void;
  onSubmit(): Promise<void>;
}

Page<BindData, BindCustom>({
  data: {
    inviteCode: '',
    codeError: '',
    submitting: false,
    movedNotice: '',
  },

  onLoad() {
    // Quiet on failure: the page works without it.
    void call('org', 'bindingNotice', {}).then((res) => {
      if (res.ok && res.data.message) this.setData({ movedNotice: res.data.message });
    });
  },

  onCodeChange(event) {
    this.setData({ inviteCode: event.detail, codeError: '' });
  },

  async onSubmit() {
    if (this.data.submitting) return;
    const inviteCode = this.data.inviteCode.trim();
    if (!inviteCode) {
      this.setData({ codeError: '请输入邀请码' });
      return;
    }
    this.setData({ submitting: true, codeError: '' });
    const res = await call('org', 'bind', { inviteCode });
    this.setData({ submitting: false });
    if (!res.ok) {
      this.setData({ codeError: res.error.message });
      return;
    }
    void wx.showToast({ title: '绑定成功', icon: 'success' });
    openPage(HOME_PAGE);
  },
});
