import { isDuplicateKey, retryWhile } from './retry';

// The message the local cloud and CloudBase give for a unique index violation, as the SDK passes it on.
const duplicate = (index: string): Error =>
  new Error(
    `[FailedOperation] E11000 duplicate key error collection: invites index: ${index} dup key: { code: "ABCD2345" }`,
  );

describe('isDuplicateKey', () => {
  it('recognises a violation of the named unique index only', () => {
    expect(isDuplicateKey(duplicate('code'), 'code')).toBe(true);
    expect(isDuplicateKey(duplicate('codeOwner'), 'code')).toBe(false);
    expect(isDuplicateKey(duplicate('badgeNo'), 'code')).toBe(false);
    expect(isDuplicateKey(new Error('database transaction conflict'), 'code')).toBe(false);
    expect(isDuplicateKey('E11000 index: code dup key', 'code')).toBe(true);
  });
});

describe('retryWhile', () => {
  const isCode = (err: unknown): boolean => isDuplicateKey(err, 'code');

  it('tries again after a duplicate code and returns the first success', async () => {
    const codes = ['TAKEN111', 'TAKEN222', 'FREE3333'];
    const tried: string[] = [];
    const result = await retryWhile(
      async () => {
        const code = codes[tried.length];
        tried.push(code);
        if (code.startsWith('TAKEN')) throw duplicate('code');
        return code;
      },
      isCode,
      5,
    );
    expect(result).toBe('FREE3333');
    expect(tried).toEqual(codes);
  });

  it('gives up after the allowed attempts with the last error', async () => {
    let attempts = 0;
    const always = (): Promise<string> => {
      attempts += 1;
      return Promise.reject(duplicate('code'));
    };
    await expect(retryWhile(always, isCode, 3)).rejects.toThrow('E11000');
    expect(attempts).toBe(3);
  });

  it('never repeats a call that failed for another reason', async () => {
    let attempts = 0;
    const refused = (): Promise<string> => {
      attempts += 1;
      return Promise.reject(new Error('PERSON_INACTIVE'));
    };
    await expect(retryWhile(refused, isCode, 5)).rejects.toThrow('PERSON_INACTIVE');
    expect(attempts).toBe(1);
  });
});
