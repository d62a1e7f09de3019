/** Refusals of the reader function, each with a stable code and what the user reads. */
import { DomainError } from '../../core/errors';

export const readerErrors = {
  empty: () => new DomainError('READER_EMPTY', '没有可审读的内容'),
  tooLong: (max: number) => new DomainError('READER_TEXT_TOO_LONG', `正文最多 ${max} 字`),
  notSubmitted: () => new DomainError('READER_NOT_SUBMITTED', '该版本没有提交审核，没有大模型审读结果'),
  findingMissing: () => new DomainError('READER_FINDING_NOT_FOUND', '该条审读意见不存在，请刷新后重试'),
  settingsInvalid: (problems: readonly string[]) => new DomainError('READER_SETTINGS_INVALID', problems.join('；')),
  promptInvalid: (problems: readonly string[]) => new DomainError('READER_PROMPT_INVALID', problems.join('；')),
  modelUnknown: (model: string) => new DomainError('READER_MODEL_UNKNOWN', `模型 ${model} 不在本环境已开通的模型中`),
} as const;
