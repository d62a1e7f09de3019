import type { Backend } from '../../config';
import { call } from '../../services/api';
import { latestData } from '../../services/load';
import type { LoadState } from '../../services/load';
import { ROLE_LABELS } from '../../utils/labels';

interface MeData extends LoadState {
  name: string;
  badgeNo: string;
  unitName: string;
  trained: boolean;
  roles: { label: string }[];
  backend: Backend;
}

interface MeCustom {
  loadSeq: number;
  load(): Promise<void>;
  onRetry(): void;
}

Page<MeData, MeCustom>({
  data: {
    status: 'loading',
    errorMessage: '',
    name: '',
    badgeNo: '',
    unitName: '',
    trained: false,
    roles: [],
    backend: 'cloud',
  },
  loadSeq: 0,

  onShow() {
    this.setData({ backend: getApp<IAppOption>().globalData.backend });
    void this.load();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  async load() {
    const me = await latestData(this, call('org', 'me', {}));
    if (!me) return;
    const { person } = me;
    this.setData({
      status: 'ready',
      name: person.name,
      badgeNo: person.badgeNo,
      unitName: person.unitName,
      // 第三十五条: training is what allows a new member of staff to take up the post.
      trained: person.trained,
      roles: person.roles.map((grant) => ({ label: `${ROLE_LABELS[grant.role]} · ${grant.unitName}` })),
    });
  },
});
