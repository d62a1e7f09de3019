import type { EnvTemplates, NotificationKind, TemplateSpec } from '../../typings/notify';
import { isDomainError } from '../errors';
import { buildSubscribeMessage, dedupeKey, deepLink } from './message';
import { templateCatalog, templateConfig, templateConfigProblems, templatesFor } from './templates';

const local = templatesFor('local');

describe('template config', () => {
  it('has no problem in any configured environment', () => {
    for (const env of Object.values(templateConfig)) expect(templateConfigProblems(env)).toEqual([]);
  });

  it('flags a field key that does not name its type and one id with two layouts', () => {
    const approval = local.kinds.approvalPending as TemplateSpec;
    const broken: EnvTemplates = {
      ...local,
      kinds: {
        ...local.kinds,
        approvalPending: { ...approval, fields: [{ key: 'thing1', type: 'phrase', from: 'status' } as never] },
        postApproved: { ...approval, subscription: 'longTerm' },
      },
    };
    const problems = templateConfigProblems(broken);
    expect(problems.some((p) => p.startsWith('approvalPending: thing1'))).toBe(true);
    expect(problems.some((p) => p.startsWith('postApproved: 模板'))).toBe(true);
  });

  it('refuses an unknown environment with a stable code', () => {
    expect.assertions(2);
    try {
      templatesFor('prod-unknown');
    } catch (e) {
      expect(isDomainError(e)).toBe(true);
      expect(isDomainError(e) && e.code).toBe('NOTIFY_ENV_UNKNOWN');
    }
  });

  it('lists one subscription type per template id, shared ids once', () => {
    const catalog = templateCatalog(local);
    const ids = new Set(
      (Object.keys(local.kinds) as NotificationKind[]).flatMap((k) => local.kinds[k]?.templateId ?? []),
    );
    expect(catalog.size).toBe(ids.size);
    expect(catalog.get((local.kinds.postApproved as TemplateSpec).templateId)).toBe('oneTime');
    expect(catalog.get((local.kinds.referralOverdue as TemplateSpec).templateId)).toBe('longTerm');
  });
});

describe('buildSubscribeMessage', () => {
  const createdAt = '2026-11-28T09:00:00.000+08:00';

  it('fills each field from its source, cut to its type, with Beijing times and a relative page', () => {
    const spec = local.kinds.postReturned as TemplateSpec;
    const msg = buildSubscribeMessage(spec, local, {
      title: '稿件被退回',
      text: '请修改后重新提交',
      link: deepLink('/pages/post-detail/index', { id: 'p 1' }),
      createdAt,
      values: {
        subject: '关于冬季道路交通安全出行的温馨提示（第二期）',
        status: '已退回',
        eventAt: '2026-11-28T16:05:00.000+08:00',
        remark: '图片涉及未成年人面部，请打码',
      },
    });
    expect(msg).toEqual({
      templateId: spec.templateId,
      subscription: 'oneTime',
      page: 'pages/post-detail/index?id=p%201',
      miniprogramState: 'developer',
      lang: 'zh_CN',
      data: {
        thing1: { value: '关于冬季道路交通安全出行的温馨提示（第…' },
        phrase2: { value: '已退回' },
        time3: { value: '2026年11月28日 16:05' },
        thing4: { value: '图片涉及未成年人面部，请打码' },
      },
    });
  });

  it('falls back to the notice time for a missing time and opens the configured page for a digest', () => {
    const msg = buildSubscribeMessage(local.kinds.dailyDigest as TemplateSpec, local, {
      title: '今日待办',
      text: '您有待办事项',
      link: '/pages/home/index',
      createdAt: '2026-11-28T23:30:00.000+08:00',
      values: { count: 7 },
    });
    expect(msg.page).toBe('pages/inbox/index');
    expect(msg.data).toEqual({
      thing1: { value: '您有待办事项' },
      number2: { value: '7' },
      date3: { value: '2026年11月28日' },
    });
  });
});

describe('deepLink and dedupeKey', () => {
  it('encodes the query', () => {
    expect(deepLink('/pages/post-detail/index', { id: 'a&b', tab: '审核' })).toBe(
      '/pages/post-detail/index?id=a%26b&tab=%E5%AE%A1%E6%A0%B8',
    );
    expect(deepLink('/pages/inbox/index')).toBe('/pages/inbox/index');
  });

  it('joins kind, subject, occasion and recipient', () => {
    expect(dedupeKey('referralDueSoon', 'referrals/r1', '2026-11-28', 'p5')).toBe(
      'referralDueSoon:referrals/r1:2026-11-28:p5',
    );
  });
});
