/**
 * What goes into a function's bundle. The 语义研判 model is 4.9 MB of base64
 * (core/screening/classifier-model.ts): the functions that screen posts carry it, the referral function,
 * which screens netizens' messages only (read without the model: Classifier.reading), must not.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { FUNCTION_BUILD, FUNCTIONS_DIR } from './build-functions';

const MODEL = 'core/screening/classifier-model.ts';

/** The source files one function's bundle is made of, as esbuild's metafile names them. */
async function inputsOf(name: string): Promise<string[]> {
  const result = await build({
    ...FUNCTION_BUILD,
    entryPoints: [join(FUNCTIONS_DIR, name, 'index.ts')],
    outfile: join(FUNCTIONS_DIR, name, 'index.js'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const out = Object.values(result.metafile.outputs)[0];
  return out ? Object.keys(out.inputs) : [];
}

describe('function bundles', () => {
  it('the post and screen functions carry the model; the referral function does not', async () => {
    const [post, screen, referral] = await Promise.all(['post', 'screen', 'referral'].map(inputsOf));
    expect(post).toContain(MODEL);
    expect(screen).toContain(MODEL);
    // it does carry the screening it uses for triage
    expect(referral).toContain('core/screening/screen.ts');
    expect(referral).not.toContain(MODEL);
  }, 60_000);
});
