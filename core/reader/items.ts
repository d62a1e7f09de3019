/**
 * The items the reader asks the model about, in the measures' own words (《湖南公安新媒体管理办法（试行）》
 * 第十七条 both parts; for personal accounts 第十八条、第四十条、第四十一条). Each names the rules'
 * screening category for the same item, so the model's marks sit beside the rules' marks under one
 * article, and its caution items carry the floor the rules give them (core/screening/categories.ts).
 */
import type { AccountKind } from '../../typings/org';
import type { ReaderItem } from '../../typings/reader';
import type { ScreeningCategoryId } from '../../typings/screening';
import { categoryOf } from '../screening/categories';

type ItemSeed = Pick<ReaderItem, 'code' | 'ref' | 'words' | 'title' | 'scope'> &
  ({ kind: 'prohibited'; category: ScreeningCategoryId | null } | { kind: 'caution'; category: ScreeningCategoryId });

const prohibited = (
  code: string,
  ref: string,
  words: string,
  title: string,
  category: ScreeningCategoryId | null,
  scope: ReaderItem['scope'] = 'all',
): ItemSeed => ({ code, ref, words, title, scope, kind: 'prohibited', category });

const caution = (
  code: string,
  ref: string,
  words: string,
  title: string,
  category: ScreeningCategoryId,
  scope: ReaderItem['scope'] = 'all',
): ItemSeed => ({ code, ref, words, title, scope, kind: 'caution', category });

const SEEDS: readonly ItemSeed[] = [
  // 第十七条（一）严禁发布或转发的信息
  prohibited('17.1.1', '第十七条（一）1', '有损党和国家声誉和公安机关和警察形象的信息', '有损形象', 'reputation'),
  prohibited('17.1.2', '第十七条（一）2', '涉及群体性事件的信息', '群体性事件', 'massIncident'),
  prohibited(
    '17.1.3',
    '第十七条（一）3',
    '涉及政治、民族、宗教问题的有关案事件',
    '政治、民族、宗教问题',
    'politicsEthnicReligion',
  ),
  prohibited(
    '17.1.4',
    '第十七条（一）4',
    '描写犯罪细节和渲染血腥暴力情节的文字、照片、视频等',
    '犯罪细节、血腥暴力',
    'crimeDetail',
  ),
  prohibited(
    '17.1.5',
    '第十七条（一）5',
    '批评现行政策和司法制度，或涉及党委政府及相关部门的负面报道，或有关人事安排的内容',
    '批评政策、负面报道或人事安排',
    'policyCriticism',
  ),
  prohibited('17.1.6', '第十七条（一）6', '所有未经核准的各类涉警信息', '未经核准的涉警信息', 'unverifiedPolice'),
  prohibited('17.1.7', '第十七条（一）7', '涉及国家秘密、警务工作秘密的信息', '国家秘密、警务工作秘密', 'secret'),
  prohibited(
    '17.1.8',
    '第十七条（一）8',
    '侵犯公民个人隐私，以及其他不良信息、不实信息',
    '个人隐私、不良或不实信息',
    'privacy',
  ),
  prohibited(
    '17.1.9',
    '第十七条（一）9',
    '容易引发群众质疑公安机关缺乏人为关怀“卖惨式”宣传',
    '“卖惨式”宣传',
    'sobStory',
  ),
  prohibited(
    '17.1.10',
    '第十七条（一）10',
    '由社会敏感热点问题引发的其他可能产生负面影响的信息',
    '敏感热点引发的负面影响',
    'hotIssue',
  ),
  prohibited('17.1.11', '第十七条（一）11', '商业推广类信息', '商业推广', 'commercial'),
  prohibited('17.1.12', '第十七条（一）12', '境外媒体网站信息', '境外媒体网站信息', 'foreignMedia'),
  // 第十七条（二）需要慎重发布的信息
  caution(
    '17.2.1',
    '第十七条（二）1',
    '涉及维稳、信访、拆迁、监管场所的有关信息',
    '维稳、信访、拆迁、监管场所',
    'stabilityPetition',
  ),
  caution('17.2.2', '第十七条（二）2', '涉及官员、民警犯罪的案事件', '官员、民警犯罪', 'officialCrime'),
  caution('17.2.3', '第十七条（二）3', '重大刑事案件、治安案件和涉外案件', '重大刑事、治安、涉外案件', 'majorCase'),
  caution(
    '17.2.4',
    '第十七条（二）4',
    '涉及未成年人、妇女、老人、残疾人、社会弱势群体的有关案件',
    '未成年人等弱势群体案件',
    'vulnerable',
  ),
  caution(
    '17.2.5',
    '第十七条（二）5',
    '重大公共安全事故、公共卫生事故、公安警务工作有关统计数据的敏感性信息',
    '重大事故、警务统计数据',
    'safetyStats',
  ),
  caution(
    '17.2.6',
    '第十七条（二）6',
    '有可能危及群众安全感或引起群众对社会治安状况不满的信息',
    '危及群众安全感',
    'publicAnxiety',
  ),
  caution(
    '17.2.7',
    '第十七条（二）7',
    '除为群众提供服务指引外的其他警务信息',
    '服务指引外的警务信息',
    'otherPoliceInfo',
  ),
  caution(
    '17.2.8',
    '第十七条（二）8',
    '领导公安机关内部讲话及过于生硬突出领导的内容',
    '领导内部讲话、突出领导',
    'leaderSpeech',
  ),
  caution('17.2.9', '第十七条（二）9', '大规模安保维稳工作', '大规模安保维稳', 'largeSecurity'),
  // An officer's own account may talk about life: 第十八条 forbids only micro-events unrelated to police work.
  caution(
    '17.2.10',
    '第十七条（二）10',
    '与公安机关职能没有直接关联的信息',
    '与公安职能无直接关联',
    'unrelated',
    'institutionalPost',
  ),
  caution('17.2.11', '第十七条（二）11', '其他容易引起争议和错误解读的信息', '易引起争议和错误解读', 'controversial'),
  // 第十八条: personal accounts
  caution(
    '18.1',
    '第十八条',
    '个人公安新媒体未经所在单位宣传部门同意，不得擅自发布重要警务信息、重大恶性案件、群体性事件、恶意报复社会和伤害未成年人案件、涉外案件以及灾情疫情、统计数据等敏感信息',
    '个人账号发布敏感信息须经宣传部门同意',
    'personalSensitive',
    'personalPost',
  ),
  prohibited(
    '18.2',
    '第十八条',
    '不得组织或参与与警务工作无关的“微访谈”、“微直播”、“微研讨”、“微调查”等活动',
    '与警务无关的“微访谈”“微直播”等活动',
    'personalMicroEvent',
    'personalPost',
  ),
  // 第四十条
  prohibited(
    '40.1',
    '第四十条',
    '民警个人新媒体严禁发布、传播与党的理论、路线、方针、政策相违背的信息和言论',
    '违背党的理论、路线、方针、政策',
    'personalImproper',
    'personalPost',
  ),
  prohibited(
    '40.2',
    '第四十条',
    '严禁泄露国家秘密和警务工作秘密',
    '泄露国家秘密和警务工作秘密',
    'personalImproper',
    'personalPost',
  ),
  prohibited(
    '40.3',
    '第四十条',
    '严禁发布转载抵毁党、国家、军队和公安机关形象，歪曲党史、国史、军史和人民公安史，抹黑革命先烈和英雄模范的不良有害信息',
    '诋毁形象、歪曲历史、抹黑英烈',
    'personalImproper',
    'personalPost',
  ),
  prohibited(
    '40.4',
    '第四十条',
    '不得发布、传播各类不实信息、低俗信息和不当言论',
    '不实、低俗信息和不当言论',
    'personalImproper',
    'personalPost',
  ),
  caution(
    '40.5',
    '第四十条',
    '未经批准一律不得擅自发布重要警务信息和涉及重大恶性案件、群体性事件、涉民族宗教案事件、恶意报复社会和伤害未成年人案件、涉外案件等的敏感信息',
    '未经批准发布重要警务信息和敏感案事件',
    'personalSensitive',
    'personalPost',
  ),
  // 第四十一条
  prohibited(
    '41.1',
    '第四十一条',
    '公安民警不得通过个人新媒体批评指责上级公安机关和其他地方公安机关工作',
    '批评指责上级和其他地方公安机关',
    'personalCriticism',
    'personalPost',
  ),
  prohibited(
    '41.2',
    '第四十一条',
    '公安民警不得利用个人新媒体进行不正当交往，不得利用网络支付、红包、转账、打赏等功能变相进行权钱交易',
    '不正当交往、红包打赏等变相权钱交易',
    'personalPayment',
    'personalPost',
  ),
];

function toItem(seed: ItemSeed): ReaderItem {
  if (seed.kind === 'caution') {
    const category = categoryOf(seed.category);
    // The model's floor is the rules' floor for the same item: one measure, one level.
    const levelFloor = category.effect === 'caution' ? category.levelFloor : null;
    return { ...seed, levelFloor };
  }
  return { ...seed, levelFloor: null };
}

export const READER_ITEMS: readonly ReaderItem[] = SEEDS.map(toItem);

const byCode = new Map(READER_ITEMS.map((item) => [item.code, item]));

export function readerItem(code: string): ReaderItem | undefined {
  return byCode.get(code);
}

/**
 * The items asked of a post on an account of this kind, as the rules apply them: 第十八、四十、四十一条
 * bind personal accounts only, 第十七条（二）10 institutional accounts only.
 */
export function itemsFor(accountKind: AccountKind): ReaderItem[] {
  const personal = accountKind === 'personal';
  return READER_ITEMS.filter((item) => item.scope === 'all' || (item.scope === 'personalPost') === personal);
}
