import type { Role } from '../../typings/org';

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  operator: '运营民警',
  reviewer: '审核民警',
  leader: '分管领导',
  propagandaStaff: '宣传干事',
  departmentHandler: '警种联络人',
  unitAdmin: '单位管理员',
};
