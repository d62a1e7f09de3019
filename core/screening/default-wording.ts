/**
 * 规范表述 shipped with the starter lexicon: expressions a government account must not use, with the
 * form to use instead, why, and on whose authority. The province desk edits the list in the
 * standard-wording page; each entry is a suggestion the operator applies with one tap.
 */
import type { WordingRule } from '../../typings/screening';

const XINHUA = '新华社《新闻信息报道中的禁用词和慎用词》';
const XINHUA_NAMES = `${XINHUA}：少数民族名称不得随意简称`;
const XINHUA_TAIWAN = `${XINHUA}：涉台称谓`;
const XINHUA_DISABILITY = `${XINHUA}：对身体有伤疾的人士不使用蔑称`;
const AUXILIARY = '《国务院办公厅关于规范公安机关警务辅助人员管理工作的意见》（国办发〔2016〕80号）';

const w = (id: string, wrong: string, correct: string, reason: string, source: string): WordingRule => ({
  id: `dw-${id}`,
  wrong,
  correct,
  reason,
  source,
});

export const DEFAULT_WORDING: readonly WordingRule[] = [
  w('suspect', '嫌犯', '犯罪嫌疑人', '未经人民法院依法判决，不得称“犯”，应称犯罪嫌疑人', XINHUA),
  w('suspect-2', '疑犯', '犯罪嫌疑人', '未经人民法院依法判决，不得称“犯”，应称犯罪嫌疑人', XINHUA),
  w('uyghur', '维族', '维吾尔族', '少数民族名称应使用全称', XINHUA_NAMES),
  w('mongol', '蒙族', '蒙古族', '少数民族名称应使用全称', XINHUA_NAMES),
  w('taiwan-leader', '台湾总统', '台湾地区领导人', '台湾是中国的一部分，其领导人应称台湾地区领导人', XINHUA_TAIWAN),
  w('taiwan-authority', '台湾政府', '台湾当局', '对台湾地区政权机构应称台湾当局', XINHUA_TAIWAN),
  w(
    'taiwan-university',
    '国立台湾大学',
    '台湾大学',
    '台湾地区以“国立”冠名的学校、机构，应去掉“国立”二字',
    XINHUA_TAIWAN,
  ),
  w('hongkong', '中港两地', '内地与香港', '不得将香港与中国并列，应称内地与香港', `${XINHUA}：涉港澳称谓`),
  w('macao', '中澳两地', '内地与澳门', '不得将澳门与中国并列，应称内地与澳门', `${XINHUA}：涉港澳称谓`),
  w('disabled', '残废人', '残疾人', '不使用对残疾人的蔑称', XINHUA_DISABILITY),
  w('blind', '瞎子', '盲人', '不使用对残疾人的蔑称', XINHUA_DISABILITY),
  w('deaf', '聋子', '聋人', '不使用对残疾人的蔑称', XINHUA_DISABILITY),
  w('intellectual', '弱智', '智力障碍者', '不使用对残疾人的蔑称', XINHUA_DISABILITY),
  w('mental', '精神病人', '精神障碍患者', '法律用语为精神障碍患者', '《中华人民共和国精神卫生法》'),
  w('auxiliary', '协警', '辅警', '公安机关警务辅助人员统称辅警', AUXILIARY),
  w('auxiliary-2', '联防队员', '辅警', '公安机关警务辅助人员统称辅警', AUXILIARY),
];
