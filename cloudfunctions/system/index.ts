import * as v from 'valibot';
import { toBeijingIso } from '../../core/time';
import { action, createMain, type Handlers } from '../../server/dispatch';

const handlers: Handlers<'system'> = {
  ping: action({
    access: 'anyone',
    input: v.strictObject({}),
    handle: async (_params, ctx) => ({ now: toBeijingIso(ctx.now) }),
  }),
  whoami: action({
    access: 'anyone',
    input: v.strictObject({}),
    handle: async (_params, ctx) => ({ openid: ctx.openid }),
  }),
};

export const main = createMain(handlers);
