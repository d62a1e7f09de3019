/**
 * The slice of the cloud-function contract the shell pages call, in the form of `typings/api.ts`,
 * with the data shapes the pages expect from the server. Type-only. Once `Api` there declares these
 * actions, `services/api.ts` is typed over it instead and these shapes are aligned with it.
 */
import type { ActionSpec, NoParams } from '../../typings/api';
import type { Notification } from '../../typings/notify';
import type { Role } from '../../typings/org';

export interface RoleView {
  role: Role;
  unitName: string;
}

export interface MePerson {
  name: string;
  badgeNo: string;
  unitName: string;
  roles: RoleView[];
  /** 第三十五条: new staff may take up the post only after training. */
  trained: boolean;
}

export interface PendingCounts {
  approvals: number;
  referrals: number;
  drafts: number;
  unreadNotifications: number;
}

export interface MeSummary {
  person: MePerson;
  pending: PendingCounts;
}

export interface BindResult {
  name: string;
}

export type InboxItem = Pick<Notification, '_id' | 'title' | 'text' | 'link' | 'createdAt' | 'read'>;

export interface InboxList {
  items: InboxItem[];
  unread: number;
}

export interface ShellApi {
  org: {
    me: ActionSpec<NoParams, MeSummary>;
    bind: ActionSpec<{ inviteCode: string }, BindResult>;
  };
  notify: {
    inbox: ActionSpec<NoParams, InboxList>;
  };
}
