/**
 * The README's walk-through works when pasted in order (issue 16): the block between its
 * walkthrough markers runs in bash against a fresh local cloud with the demo organisation, and every
 * answer it prints is `ok`; at the end the post is published.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Post } from '../typings/post';
import { useTestCloud } from './support/cloud';

const run = promisify(execFile);
jest.setTimeout(60_000);

function walkthrough(): string {
  const readme = readFileSync(resolve(__dirname, '..', 'README.md'), 'utf8');
  const block = /<!-- walkthrough:start -->\s*```sh\n([\s\S]*?)```\s*<!-- walkthrough:end -->/.exec(readme)?.[1];
  if (!block) throw new Error('README.md has no walkthrough block');
  return block;
}

describe('README walk-through', () => {
  const t = useTestCloud({ now: '2026-03-03T10:00:00+08:00', frozen: true });

  it('runs as pasted, every answer ok, and ends with the post published', async () => {
    const script = `set -e\n${walkthrough()}`;
    const { stdout, stderr } = await run('bash', ['-c', script], { env: { ...process.env, BASE: t.cloud.url } });
    const answers = `${stdout}\n${stderr}`
      .split('\n')
      .filter((line) => line.startsWith('{"ok"'))
      .map((line) => JSON.parse(line) as { ok: boolean; error?: { code: string } });
    // reportConsent, draftSave, submit, approvals, approve, publish (get's answer is read, not printed).
    expect(answers.map((a) => (a.ok ? 'ok' : a.error?.code))).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    const posts = t.cloud.db.find('posts', {}) as unknown as Post[];
    expect(posts.map((p) => [p.content.title, p.state])).toEqual([['反诈提醒', 'published']]);
    // The timer sent the reviewer the subscribe message the walk-through points at.
    expect(stdout).toContain('demo-reviewer');
  });
});
