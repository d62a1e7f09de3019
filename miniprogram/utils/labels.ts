import type { Role } from '../../typings/org';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  operator: '运营民警',
  reviewer: '审核民警',
  leader: '分管领导',
  propagandaStaff: '宣传干事',
  departmentHandler: '警种联络人',
  unitAdmin: '单位管理员',
};

/**
 * 语义复核 in words, for the lexicon and the rule pages: a term or rule that misfired on text it was not
 * written from (LexiconEntryView.doubt, RuleView.doubt).
 */
export function doubtNote(doubt: { right: number; wrong: number }): string {
  return `语义复核：在未据以编写的稿件上误报偏多（对 ${doubt.right} 次、错 ${doubt.wrong} 次），命中须语义研判也读出本项才作数`;
}
