import { call } from '../../services/api';
import { HOME_PAGE, openPage } from '../../services/navigation';
import type { ValueEvent } from '../../utils/events';

interface BindData {
  inviteCode: string;
  codeError: string;
  submitting: boolean;
}

interface BindCustom {
  onCodeChange(event: ValueEvent<string>): void;
  onSubmit(): Promise<void>;
}

Page<BindData, BindCustom>({
  data: {
    inviteCode: '',
    codeError: '',
    submitting: false,
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
