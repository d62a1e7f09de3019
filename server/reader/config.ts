/**
 * What every reading starts from: the desk's settings (one document read) and the prompt of the
 * current version (one head read; the version itself is read again only when the head moved, so an
 * edit reaches warm instances on their next request, as the lexicon does).
 */
import type { ReaderSettings } from '../../typings/reader';
import { defaultPrompt, type PromptData } from '../../core/reader/prompt';
import { DEFAULT_SETTINGS, enabledModels } from '../../core/reader/settings';
import { store, type Store } from '../store';
import { PROMPT_HEAD_ID, promptDocId, SETTINGS_ID, type PromptDoc, type PromptHead, type SettingsDoc } from './docs';

export async function loadSettings(db: Store = store): Promise<ReaderSettings> {
  const doc = await db.get<SettingsDoc>('readerSettings', SETTINGS_ID);
  if (!doc) return { ...DEFAULT_SETTINGS };
  const { _id: _omit, ...settings } = doc;
  void _omit;
  return { ...DEFAULT_SETTINGS, ...settings };
}

/** The environment's enabled models, as deployed with the reader function (config.json READER_MODELS). */
export function environmentModels(): string[] {
  return enabledModels(process.env['READER_MODELS']);
}

export interface LoadedPrompt extends PromptData {
  doc: PromptDoc | null;
}

let cached: LoadedPrompt | null = null;

export async function promptVersion(db: Store = store): Promise<number> {
  return (await db.get<PromptHead>('counters', PROMPT_HEAD_ID))?.value ?? 0;
}

export async function loadPrompt(db: Store = store): Promise<LoadedPrompt> {
  const version = await promptVersion(db);
  if (cached && cached.version === version) return cached;
  if (version === 0) return (cached = { ...defaultPrompt(), doc: null });
  const doc = await db.get<PromptDoc>('readerPrompts', promptDocId(version));
  // The head and its version are written in one transaction; a missing version is a broken database.
  if (!doc) throw new Error(`reader prompt version ${version} is missing`);
  const loaded: LoadedPrompt = { version, instructions: doc.instructions, items: doc.items, doc };
  if (!cached || loaded.version >= cached.version) cached = loaded;
  return loaded;
}
