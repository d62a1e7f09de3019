import type { PostState, SensitivityLevel } from '../../typings/post';

const rank: { [L in SensitivityLevel]: number } = { ordinary: 0, major: 1, especiallyMajor: 2 };

export const levelLabels: { [L in SensitivityLevel]: string } = {
  ordinary: '一般',
  major: '重大敏感',
  especiallyMajor: '特别重大敏感或涉及全省',
};

export const stateLabels: { [S in PostState]: string } = {
  draft: '草稿',
  inReview: '审核中',
  returned: '已退回',
  withdrawn: '已撤回',
  approved: '已通过',
  published: '已发布',
};

export function compareLevels(a: SensitivityLevel, b: SensitivityLevel): number {
  return rank[a] - rank[b];
}

export function maxLevel(a: SensitivityLevel, b: SensitivityLevel): SensitivityLevel {
  return compareLevels(a, b) >= 0 ? a : b;
}
