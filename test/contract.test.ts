/**
 * The contract holds on both sides. The types do it at compile time: every function's handler map is
 * `Handlers<F>` (exactly the actions of `Api[F]`), and the mini-program's client is `Call<Api>`. This
 * test does it at run time through the real path: every action the contract declares is served by
 * its deployed bundle (validation answers, never UNKNOWN_ACTION), and nothing else is.
 */
import { functionNames } from '../tools/build-functions';
import { collectApi } from '../tools/api-doc';
import { startTestCloud, type TestCloud } from './support/cloud';

const contract = collectApi();

describe('the contract and the deployed functions agree', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = await startTestCloud({ now: '2026-11-30T10:00:00+08:00' });
  }, 60_000);
  afterAll(() => t.close());

  it('declares exactly the user-facing function folders (the timer is called by triggers only)', () => {
    expect(contract.map((f) => f.name).sort()).toEqual(functionNames().filter((n) => n !== 'timer'));
  });

  it.each(contract.map((f) => [f.name, f.actions.map((a) => a.name)] as const))(
    '%s serves every declared action and refuses undeclared ones',
    async (fn, actions) => {
      for (const action of actions) {
        const res = await t.post(fn, { action, __probe: true }, 'demo-operator-a');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ ok: false });
        expect((res.body as { error: { code: string } }).error.code).not.toBe('UNKNOWN_ACTION');
      }
      const unknown = await t.post(fn, { action: 'notDeclared' }, 'demo-operator-a');
      expect(unknown.body).toEqual({
        ok: false,
        error: { code: 'UNKNOWN_ACTION', message: '未知的操作：notDeclared' },
      });
    },
    60_000,
  );
});
