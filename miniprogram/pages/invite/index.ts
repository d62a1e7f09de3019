import { call } from '../../services/api';
import { isNotBound, sendToBind } from '../../services/session';
import { formatBeijingShort } from '../../utils/time';

interface InviteData {
  personName: string;
  code: string;
  expiresAt: string;
  errorMessage: string;
  submitting: boolean;
}

interface InviteCustom {
  personId: string;
  /** One per code wanted: a double tap or a retry after a lost answer gets the same code back. */
  requestKey: string;
  onGenerate(): Promise<void>;
  onCopy(): void;
}

function newRequestKey(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

Page<InviteData, InviteCustom>({
  data: {
    personName: '',
    code: '',
    expiresAt: '',
    errorMessage: '',
    submitting: false,
  },
  personId: '',
  requestKey: '',

  onLoad(query: Record<string, string | undefined>) {
    this.personId = query.personId ?? '';
    this.requestKey = newRequestKey();
    this.setData({ personName: decodeURIComponent(query.name ?? '') });
  },

  async onGenerate() {
    if (this.data.submitting) return;
    // After a code was shown, asking again means a new code.
    if (this.data.code) this.requestKey = newRequestKey();
    this.setData({ submitting: true, errorMessage: '' });
    const res = await call('org', 'createInvite', { personId: this.personId, requestKey: this.requestKey });
    this.setData({ submitting: false });
    if (!res.ok) {
      if (isNotBound(res.error)) sendToBind();
      else this.setData({ errorMessage: res.error.message });
      return;
    }
    this.setData({
      code: res.data.code,
      personName: res.data.personName,
      expiresAt: formatBeijingShort(res.data.expiresAt),
    });
  },

  onCopy() {
    void wx.setClipboardData({ data: this.data.code });
  },
});
