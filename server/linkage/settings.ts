/**
 * The province desk's linkage settings: which city desks may issue for their own matrix (第三十四条
 * names the province desk; the rest is the province's to allow), the default window and the grace
 * after which a directive closes. Saved on the rev the page loaded.
 */
import * as v from 'valibot';
import type { LinkageSettings, SettingsView } from '../../typings/linkage';
import { LIMITS, linkageError } from '../../core/linkage';
import { commonErrors } from '../../core/errors';
import type { UnitTree } from '../../core/org/tree';
import { toBeijingIso } from '../../core/time';
import { action } from '../dispatch';
import { loadTree, requireCaller, requirePermission } from '../org';
import { runWork } from '../uow';
import { SETTINGS_ID, loadSettings } from './context';
import { settingsParams } from './schemas';

function cities(tree: UnitTree): { id: string; name: string }[] {
  return (tree.children.get(tree.root._id) ?? [])
    .filter((u) => u.kind === 'bureau' && u.level === 'city')
    .map((u) => ({ id: u._id, name: u.name }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

const viewOf = (s: LinkageSettings, tree: UnitTree): SettingsView => ({
  cityDesks: s.cityDesks,
  cityIds: [...s.cityIds],
  defaultWindowMinutes: s.defaultWindowMinutes,
  graceMinutes: s.graceMinutes,
  rev: s.rev,
  cities: cities(tree),
});

export const settings = action({
  access: 'person',
  input: v.strictObject({}),
  handle: async (_params, ctx): Promise<SettingsView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    requirePermission(caller, 'linkage.settings', { kind: 'none' }, tree);
    return viewOf(await loadSettings(), tree);
  },
});

export const setSettings = action({
  access: 'person',
  input: settingsParams,
  handle: async (params, ctx): Promise<SettingsView> => {
    const caller = requireCaller(ctx.caller);
    const tree = await loadTree();
    const grant = requirePermission(caller, 'linkage.setSettings', { kind: 'none' }, tree);
    const known = new Set(cities(tree).map((c) => c.id));
    const cityIds = [...new Set(params.cityIds)];
    const valid =
      cityIds.every((id) => known.has(id)) &&
      Number.isInteger(params.defaultWindowMinutes) &&
      params.defaultWindowMinutes >= LIMITS.windowMin &&
      params.defaultWindowMinutes <= LIMITS.windowMax &&
      params.graceMinutes >= 0 &&
      params.graceMinutes <= LIMITS.graceMax;
    if (!valid) throw linkageError('SETTINGS_INVALID');
    const saved = await runWork(ctx, { person: caller, grant }, async (work) => {
      const current = (await work.get<LinkageSettings>('linkageSettings', SETTINGS_ID)) ?? (await loadSettings());
      if (current.rev !== params.expectedRev) throw commonErrors.conflict();
      const next: LinkageSettings = {
        _id: SETTINGS_ID,
        cityDesks: params.cityDesks,
        cityIds: params.cityDesks === 'listed' ? cityIds : [],
        defaultWindowMinutes: params.defaultWindowMinutes,
        graceMinutes: params.graceMinutes,
        updatedAt: toBeijingIso(ctx.now),
        updatedBy: caller._id,
        rev: current.rev + 1,
      };
      await work.put('linkageSettings', next);
      const names = new Map(cities(tree).map((c) => [c.id, c.name]));
      const who =
        next.cityDesks === 'all'
          ? '全部市州'
          : next.cityDesks === 'listed'
            ? next.cityIds.map((id) => names.get(id) ?? id).join('、') || '无'
            : '无';
      work.audit({
        action: 'linkage.setSettings',
        object: { collection: 'linkageSettings', id: SETTINGS_ID },
        summary: `联动指令设置：可下发的市州宣传部门 ${who}；默认时限 ${next.defaultWindowMinutes} 分钟；宽限 ${next.graceMinutes} 分钟`,
        changes: [
          { field: 'cityDesks', from: current.cityDesks, to: next.cityDesks },
          { field: 'cityIds', from: current.cityIds, to: next.cityIds },
          { field: 'defaultWindowMinutes', from: current.defaultWindowMinutes, to: next.defaultWindowMinutes },
          { field: 'graceMinutes', from: current.graceMinutes, to: next.graceMinutes },
        ],
        unitPath: [tree.root._id],
      });
      return next;
    });
    return viewOf(saved, tree);
  },
});
