import type { OrgEffect } from '../../core/org/errors';
import type { Work } from '../uow';

/**
 * Carries out what an org transition asks besides saving its state. Only audit entries remain to
 * do: an ended binding (`bindingRevoked`) is already the saved person's cleared OPENID, and
 * `releaseOpenid` comes from binding alone, which handles it itself.
 */
export function applyEffects(work: Work, effects: readonly OrgEffect[]): void {
  for (const effect of effects) if (effect.kind === 'audit') work.audit(effect);
}
