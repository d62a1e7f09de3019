/** Refusals of the screen function, each with a stable code and what the user reads. */
import { DomainError } from '../../core/errors';

export const screenErrors = {
  lexiconBusy: () => new DomainError('LEXICON_BUSY', '词库正在更新，请稍后重试'),
  entryMissing: () => new DomainError('LEXICON_ENTRY_NOT_FOUND', '该词条不存在或已被删除，请刷新后重试'),
  invalidTerm: (message: string) => new DomainError('LEXICON_TERM_INVALID', message),
  csvTooLarge: (maxRows: number) =>
    new DomainError('LEXICON_IMPORT_TOO_LARGE', `单次最多导入 ${maxRows} 行，请分批导入`),
  csvHeader: () => new DomainError('LEXICON_IMPORT_HEADER', '第 1 行应为表头 term,category（或 词条,类别）'),
} as const;
