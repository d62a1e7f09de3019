/**
 * The province's security and training requirements (第七条): read by everyone, set by 省厅政治部宣传处.
 * A new policy moves every account's due date; the security timer recomputes the records still
 * computed with the older revision (index policyRev), a page at a time.
 */
import * as v from 'valibot';
import type { SecurityPolicyView } from '../../typings/security';
import { POLICY_ID, policyProblem } from '../../core/security/policy';
import { commonErrors } from '../../core/errors';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { runWork } from '../uow';
import { loadPolicy, loadPolicyIn, peopleById, type LoadedPolicy, type PolicyDoc } from './context';
import { policy as policyInput, rev } from './input';

async function viewOf(loaded: LoadedPolicy): Promise<SecurityPolicyView> {
  const by = loaded.doc?.updatedBy ?? null;
  const people = await peopleById(by ? [by] : []);
  return {
    ...loaded.policy,
    rev: loaded.rev,
    updatedAt: loaded.doc?.updatedAt ?? null,
    updatedByName: by ? (people.get(by)?.name ?? null) : null,
  };
}

export const policy = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<SecurityPolicyView> => {
    const caller = requireCaller(ctx.caller);
    requirePermission(caller, 'security.policy', { kind: 'none' }, await loadTree());
    return viewOf(await loadPolicy());
  },
});

export const setPolicy = action({
  access: 'person',
  input: v.strictObject({ expectedRev: rev, policy: policyInput }),
  handle: async (params, ctx): Promise<SecurityPolicyView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'security.setPolicy', { kind: 'none' }, tree);
    const problem = policyProblem(params.policy);
    if (problem) throw problem;
    const saved = await runWork(ctx, { person: caller, grant }, async (work) => {
      const current = await loadPolicyIn(work);
      if (current.rev !== params.expectedRev) throw commonErrors.conflict();
      const doc: PolicyDoc = {
        _id: POLICY_ID,
        ...params.policy,
        trainingReminderDays: [...new Set(params.policy.trainingReminderDays)].sort(),
        rev: current.rev + 1,
        updatedAt: toBeijingIso(ctx.now),
        updatedBy: caller._id,
      };
      await work.put('securityPolicy', doc);
      work.audit({
        action: 'security.setPolicy',
        object: { collection: 'securityPolicy', id: POLICY_ID },
        summary: `全省安全管理要求：密码每 ${doc.rotationDays} 天更换，年度培训 ${doc.trainingHoursPerYear} 学时`,
        changes: (Object.keys(params.policy) as (keyof typeof params.policy)[])
          .filter((k) => JSON.stringify(current.policy[k]) !== JSON.stringify(doc[k]))
          .map((k) => ({ field: k, from: current.policy[k], to: doc[k] })),
        unitPath: [tree.root._id],
      });
      return doc;
    });
    return viewOf({ policy: params.policy, rev: saved.rev, doc: saved });
  },
});
