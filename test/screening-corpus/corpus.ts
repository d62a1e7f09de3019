/**
 * A labelled corpus for measuring screening quality, written for this project: drafts of police
 * posts (institutional and personal accounts) and netizen messages, some clean, some with each kind
 * of problem. `expected` is what a careful reviewer would flag — labelled from the regulation, not
 * from what the lexicon happens to catch, so some entries are expected misses.
 */
import type { AccountKind } from '../../typings/org';
import type { RepostSource, ScreeningCategoryId } from '../../typings/screening';
import type { LabelledText } from '../../core/screening/quality';

export interface CorpusEntry {
  id: string;
  kind: 'post' | 'message';
  /** For posts. */
  accountKind?: AccountKind;
  text: string;
  repostOf?: RepostSource;
  expected: ScreeningCategoryId[];
}

const post = (
  id: string,
  text: string,
  expected: ScreeningCategoryId[],
  accountKind: AccountKind = 'institutional',
): CorpusEntry => ({
  id,
  kind: 'post',
  accountKind,
  text,
  expected,
});
const personal = (id: string, text: string, expected: ScreeningCategoryId[]): CorpusEntry =>
  post(id, text, expected, 'personal');
const message = (id: string, text: string, expected: ScreeningCategoryId[]): CorpusEntry => ({
  id,
  kind: 'message',
  text,
  expected,
});
const repost = (id: string, text: string, repostOf: RepostSource, expected: ScreeningCategoryId[]): CorpusEntry => ({
  ...post(id, text, expected),
  repostOf,
});

export const SCREENING_CORPUS: readonly CorpusEntry[] = [
  // --- clean posts ---
  post(
    'c01',
    '【反诈提醒】近期，我市出现多起冒充电商客服实施诈骗的案件。骗子自称“快递丢失需要理赔”，诱导市民下载陌生App并开启屏幕共享。长沙警方提醒：官方客服不会要求您开启屏幕共享，更不会让您转账到“安全账户”。如有疑问，请拨打96110咨询。',
    [],
  ),
  post(
    'c02',
    '国庆假期出行提示：高速公路上请勿疲劳驾驶，每隔两小时进服务区休息一次；遇到事故请开启危险报警闪光灯，在来车方向150米外放置警告标志，人员迅速撤离到护栏外，并拨打122报警。',
    [],
  ),
  post(
    'c03',
    '【便民服务】身份证到期了怎么办？市民可携带原身份证到户籍所在地或居住地派出所办理换领，16周岁以上办理需本人到场采集指纹。办理时间：工作日上午8:30—12:00，下午14:30—17:30。',
    [],
  ),
  post(
    'c04',
    '暑假将至，芙蓉派出所民警走进辖区小学，为孩子们上了一堂生动的防溺水安全课。民警用通俗易懂的语言讲解了“六不”要求，并现场演示了救援方法。',
    [],
  ),
  post(
    'c05',
    '近日，市公安局交警支队民警李卫东被评为“全省优秀人民警察”。从警二十年来，他扎根一线，累计处理交通事故三千余起，群众满意率始终保持在百分之百。',
    [],
  ),
  post(
    'c06',
    '凌晨两点，一名老人在街头迷路，过往市民拨打110求助。巡警大队民警迅速赶到，通过人像比对找到老人家属，半小时后将老人平安送回家中。',
    [],
  ),
  post(
    'c07',
    '6月26日是国际禁毒日。珍爱生命，远离毒品！毒品不仅危害个人健康，还会导致家破人亡。发现涉毒线索，请拨打举报电话0731-12345678。',
    [],
  ),
  post(
    'c08',
    '2024年度全省公安机关人民警察招录公告发布，计划招录1200名，报名时间为3月1日至3月10日，详情请登录省人事考试网查询。',
    [],
  ),
  post(
    'c09',
    '近日，雨花分局成功破获一起入室盗窃案，抓获犯罪嫌疑人刘某（男，32岁）。经查，刘某多次趁夜间翻窗入室盗窃财物，涉案价值2万余元。目前，刘某已被依法刑事拘留，案件正在进一步侦办中。',
    [],
  ),
  post(
    'c10',
    '警惕“保健品”骗局！不法分子常以免费体检、赠送礼品为名，诱骗老年人购买高价保健品。请子女多关心家中老人，发现异常及时报警。',
    [],
  ),
  post(
    'c11',
    '天干物燥，小心火烛。冬季是火灾高发期，请大家不要私拉乱接电线，电动车不要在楼道内充电，离家前记得关闭电源和燃气阀门。',
    [],
  ),
  post(
    'c12',
    '5月15日，望城区公安分局举办警营开放日活动，邀请50余名市民代表走进警营，参观指挥中心、观看警犬表演，近距离感受公安工作。',
    [],
  ),
  post(
    'c13',
    '不明链接不要点，陌生二维码不要扫！网络安全为人民，网络安全靠人民。遇到网络诈骗，请第一时间拨打110或反诈专线96110。',
    [],
  ),
  post('c14', '4月3日，交警在韶山路查获一辆涉嫌套牌的小型轿车，车牌号为湘A·5****，驾驶人胡某已被依法处理。', []),
  post('c15', '开学第一天，全市交警在各中小学校门口设置“护学岗”，护送学生安全过马路，保障上下学交通秩序。', []),
  post(
    'c16',
    '【以案说法】市民张女士在网上看到“低价购买名牌包”的广告，添加对方微信后转账3800元，随后被拉黑。警方提醒：网购请选择正规平台，切勿私下转账。',
    [],
  ),
  post('c17', '民警经过三个月的走访，终于帮助失散二十年的姐弟团聚。相拥的那一刻，在场的人都湿了眼眶。', []),
  post('c18', '【出入境】办理护照无需再回户籍地，全省出入境窗口均可受理，普通护照最快7个工作日出证。', []),
  post('c19', '夏季夜市人流量大，派出所增派巡逻力量，开展“夜巡”行动，为群众营造安全有序的消费环境。', []),
  post(
    'c20',
    '民警在巡逻中发现一名走失的3岁男童，经过两小时寻找，顺利将孩子交还家长。家长连声道谢，民警叮嘱今后要看护好孩子。',
    [],
  ),
  post('c21', '春运期间，铁路公安在长沙南站开展安全宣传，提醒旅客看管好随身财物，谨防扒窃。', []),
  post(
    'c22',
    '骗子以“刷单返利”为诱饵，先让受害人下单小额商品并返还本金和佣金，待其投入大额资金后便将其拉黑。刷单就是诈骗！',
    [],
  ),
  post('c23', '本所民警联系电话：0731-84561234，办公地址：长沙市开福区湘江中路58号，欢迎群众来访。', []),
  post('c24', '公安机关提醒：保守国家秘密是每个公民应尽的义务，不要在朋友圈晒涉密文件。', []),
  post(
    'c25',
    '刷单返利诈骗中，骗子常以领取优惠券为由，诱导受害人点击不明链接并填写银行卡信息，请广大市民提高警惕。',
    [],
  ),
  post('c26', '如需帮助，请拨打社区民警工作手机13807311234，我们将第一时间为您服务。', []),
  post('c27', '今晚8点，本号将在视频号开启微直播，与网友在线交流反诈知识，欢迎大家预约观看。', []),
  repost(
    'c28',
    '转发：反诈宣传片《断卡》正式上线，一起来看！',
    { outlet: '人民日报', link: 'https://wap.peopleapp.com/article/7215' },
    [],
  ),
  personal('c29', '今天在社区给老人们讲解防诈骗知识，大爷大妈们听得可认真了。', []),
  personal('c30', '夜班结束，看到城市慢慢醒来，这份守护值得。', []),
  // --- 第十七条（一） ---
  personal('p01', '今天在路上看到一个交警态度极差，还动手推搡群众，这种黑警真是给我们警察丢脸！', [
    'reputation',
    'personalImproper',
  ]),
  post('p02', '有网友爆料称某派出所民警酒后驾车撞伤路人，涉事民警醉驾后还威胁当事人。', [
    'reputation',
    'unverifiedPolice',
    'officialCrime',
  ]),
  post(
    'p03',
    '今日上午，百余名业主因楼盘延期交房聚集在售楼部门前，部分人员情绪激动，堵路抗议，现场民警正在维持秩序。',
    ['massIncident'],
  ),
  post('p04', '某工厂数百名工人因欠薪问题集体罢工，并一度围堵厂区大门。', ['massIncident']),
  post('p05', '两个村因宗教活动场所归属问题发生冲突，双方多人受伤，民族宗教部门已介入。', ['politicsEthnicReligion']),
  post('p06', '网安部门查处一起利用网络散布“台独”言论的案件，涉案人员已被依法处理。', ['politicsEthnicReligion']),
  post('p07', '嫌疑人持刀连捅被害人数刀，现场血肉模糊，地上到处都是血迹。', ['crimeDetail', 'majorCase']),
  post('p08', '【案件回顾】嫌疑人从网上学习制毒方法，购买原料在出租屋内制造冰毒，下面详细介绍其制毒流程：', [
    'crimeDetail',
  ]),
  personal('p09', '个人认为，现行的醉驾入刑标准过于严苛，这项政策实际上是一种失误，应该尽快修改。', [
    'policyCriticism',
    'personalImproper',
  ]),
  post('p10', '经局党委研究决定，拟提拔张某某同志任刑侦大队大队长，现予以任前公示。', ['policyCriticism']),
  post('p11', '据内部人士透露，今晚全市警方将统一行动，集中清查娱乐场所，具体行动时间另行通知。', [
    'unverifiedPolice',
    'secret',
  ]),
  personal('p12', '听说警察在高铁站抓了一个逃犯，好像是十年前的命案逃犯，具体还不清楚。', [
    'unverifiedPolice',
    'majorCase',
    'personalSensitive',
  ]),
  post('p13', '★秘密 关于开展夏季治安打击整治专项行动的工作方案（内部资料，注意保密）', ['secret']),
  personal('p14', '这是今天专案组内部会议的抓捕方案截图，大家看看。', ['secret']),
  post('p15', '失主李建国（身份证号430104198511122315，电话13974125896）请速到城东派出所认领遗失的钱包。', ['privacy']),
  post('p16', '肇事司机王强，住天心区芙蓉中路二段168号5栋3单元702室，驾驶车牌湘A·8K762的小车逃逸。', ['privacy']),
  post('p17', '网友人肉搜索出该女子的工作单位和家庭住址，并在网上大肆传播。', ['privacy']),
  post('p18', '紧急扩散！据说明天全市自来水停水三天，请大家赶紧囤水！', ['privacy']),
  post('p19', '他已经连续工作七十二小时没有合眼，累倒在岗位上，醒来后第一句话就是问案子怎么样了。', ['sobStory']),
  post('p20', '女儿高烧住院，她却顾不上生病的孩子，含泪转身又回到了案发现场。', ['sobStory']),
  post('p21', '针对近日引发众怒的“天价彩礼”事件，我们也来说两句。', ['hotIssue']),
  post('p22', '某明星偷税事件持续登上热搜，网友吵翻了，你怎么看？', ['hotIssue', 'unrelated', 'controversial']),
  post(
    'p23',
    '辖区商户联合推出平安套餐，原价199元，现价99元，点击购买链接https://item.taobao.com/item.htm?id=6612，还可领取优惠券！',
    ['commercial'],
  ),
  post('p24', '复制这条信息￥Xn8d2aP0Lq9￥打开手机淘宝，即可看到警用同款手电筒。', ['commercial']),
  repost(
    'p25',
    '转发：英国警方破获一起跨国电信诈骗案。',
    { outlet: 'BBC中文网', link: 'https://www.bbc.com/zhongwen/simp/world-123' },
    ['foreignMedia'],
  ),
  post('p26', '据路透社报道，某国发生一起枪击案，造成多人死亡。', ['foreignMedia']),
  // --- 第十七条（二） ---
  post('p27', '县公安局积极配合政府做好征地拆迁现场秩序维护工作，确保拆迁工作平稳推进。', ['stabilityPetition']),
  post('p28', '市看守所开展在押人员家属开放日活动，邀请家属参观监区生活环境。', ['stabilityPetition']),
  post('p29', '经查，某县交警大队原副大队长涉嫌受贿罪，已被检察机关依法提起公诉。', ['officialCrime']),
  post('p30', '一辅警冒充民警招摇撞骗，已被依法刑事拘留。', ['officialCrime']),
  post('p31', '昨日，我市发生一起命案，犯罪嫌疑人已于当日被抓获，案件正在进一步侦办中。', ['majorCase']),
  post('p32', '市公安局成功破获一起特大跨国电信网络诈骗案，抓获外籍嫌疑人12名。', ['majorCase']),
  post('p33', '雨花区一名10岁女童被继父殴打致伤，犯罪嫌疑人已被刑事拘留。', ['vulnerable']),
  post('p34', '男孩王小明（12岁）就读于长沙市砂子塘小学三年级2班，近日在放学途中遭人抢劫。', ['vulnerable']),
  post('p35', '一名七旬老人被电信诈骗分子骗走毕生积蓄30万元，民警全力追赃挽损。', ['vulnerable']),
  post('p36', '今年上半年，全市刑事案件发案数同比下降18.6%，破案率提升5个百分点。', ['safetyStats']),
  post('p37', 'G4高速发生一起重大交通事故，造成3人死亡、5人受伤。', ['safetyStats']),
  post('p38', '近期城东片区接连发生多起入室抢劫案，专挑独居女性下手，请大家夜间不要独自出门！', ['publicAnxiety']),
  post('p39', '【警情通报】5月20日14时许，岳麓区某小区发生一起纠纷，民警到场处置，现场秩序已恢复。', [
    'otherPoliceInfo',
  ]),
  post('p40', '局长强调，全局上下要深入学习贯彻领导讲话精神，在局党委的坚强领导下推动各项工作落地见效。', [
    'leaderSpeech',
  ]),
  post('p41', '为保障国际马拉松赛顺利进行，全市启动一级勤务，出动警力3000余人开展大规模安保工作。', ['largeSecurity']),
  post('p42', '今日星座运势：白羊座财运亨通，适合投资理财。', ['unrelated']),
  post('p43', '女子深夜搭车被拒引发争议，司机该不该拒载？评论区说说你的看法。', ['controversial']),
  // --- 第十八条, 第二十一条, 第四十条 and mixed ---
  // 第十八条 forbids only activities unrelated to police work; this one is about the work.
  personal('p44', '今晚8点我将在抖音开启微直播，和大家聊聊当警察的那些事儿。', []),
  personal('p44b', '今晚8点我将在抖音开启微直播，和大家聊聊最近追的剧。', ['personalMicroEvent']),
  personal('p45', '刚刚出警回来，城南发生一起重大恶性案件，死了两个人，具体情况不便透露。', [
    'personalSensitive',
    'majorCase',
  ]),
  personal('p46', '今年我们所辖区的发案数比去年少了三成，统计数据说明一切。', ['personalSensitive', 'safetyStats']),
  personal('p47', '体制内黑幕太多了，说了你们也不信。', ['personalImproper']),
  personal('p48', '今天又被领导骂了，他妈的这班上得真憋屈。', ['personalImproper']),
  repost('p49', '转发：冬季取暖防一氧化碳中毒小贴士。', { outlet: '', link: '' }, ['sourceMissing']),
  repost(
    'p50',
    '转发：海外华人警惕冒充使领馆诈骗。',
    { outlet: '紐約時報中文網', link: 'https://cn.nytimes.com/china/2024' },
    ['foreignMedia'],
  ),
  // 第十七条（二）7 is the residual item: a case report a named item covers does not also carry it.
  post('p51', '警方通报：犯罪嫌疑人张某某（男，45岁）因涉嫌猥亵儿童罪被依法逮捕。', ['vulnerable']),
  post('p52', '机密★1年 关于某专案的侦查方案及警力部署方案', ['secret']),
  post('p53', '请车主湘A12345尽快到交警队处理违章。', ['privacy']),
  post('p54', '嫌疑人名叫陈浩，16岁，系某职业学校学生，其母亲电话18674452310。', ['privacy', 'vulnerable']),
  post('p55', '限 时 特 惠！！全场包邮，到手价仅需¥59.9，戳链接抢购', ['commercial']),
  post('p56', '據說今晚全市警察統一行動，內部消息，別外傳。', ['unverifiedPolice', 'secret']),
  post('p57', '血 肉 模 糊的现场照片已经在网上流传，场面极其惨烈。', ['crimeDetail']),
  post('p58', '为保障两会召开，全市实行等级勤务，重点部位24小时武装巡逻。', ['largeSecurity']),
  post('p59', '孩子在学校被同学长期欺负，家长报警后，校园欺凌事件引发关注。', ['vulnerable']),
  post('p60', '请转发扩散！银行卡号6217002860001234565的主人，您的卡遗落在派出所。', ['privacy']),
  // --- netizen messages ---
  message('m01', '我要报警！我家楼下有人打架，已经有人受伤了，在雨花区劳动东路！', ['policeReport']),
  message('m02', '你好，我的电动车在小区楼下被偷了，该怎么办？', ['policeReport']),
  message('m03', '请问身份证丢了在哪里补办？需要什么材料？', ['helpRequest']),
  message('m04', '咨询一下，外地户口落户长沙需要什么条件？', ['helpRequest']),
  message('m05', '你们这些垃圾警察，拿着纳税人的钱不干事，一群废物！', ['abusive', 'negativePolice']),
  message('m06', '傻逼，滚蛋', ['abusive']),
  message('m07', '我要举报城北派出所民警王某收受商户红包，吃拿卡要，我有证据。', ['complaint', 'negativePolice']),
  message('m08', '昨天报警两个小时都没人出警，你们就是这么为人民服务的？', ['negativePolice', 'complaint']),
  message('m09', '打倒共产党，推翻暴政！', ['unlawful']),
  message('m10', '有没有人要枪？出售枪支，货到付款，加微信详谈。', ['unlawful']),
  message('m11', '民警同志辛苦了，谢谢你们帮我找回了丢失的手机！', []),
  message('m12', '节日快乐，为人民警察点赞！', []),
  message('m13', '我朋友被骗了五万块钱，对方说是公检法的，现在怎么办？', ['policeReport']),
  message('m14', '交警在路口乱罚款，我的车明明没有压线，我要投诉！', ['complaint', 'negativePolice']),
  message('m15', '救命！我被人关在房间里出不去了，在火车站旁边的酒店305房', ['policeReport']),
  message('m16', '请问居住证怎么办理？需要社保证明吗？', ['helpRequest']),
  message('m17', '网上有人在卖别人的身份证信息，一条五块钱，你们管不管？', ['unlawful']),
  message('m18', '派出所那个姓李的警察态度恶劣，还推了我一把，这就是你们的素质？', ['complaint', 'negativePolice']),
  message('m19', '我老婆家暴我，我该找谁？', ['policeReport']),
  message('m20', '你们的公众号做得真不错，反诈文章很实用，已转发。', []),
  message('m21', '我的孩子走失了，穿红色衣服，6岁，最后在五一广场附近看到，求求你们帮忙找找！', ['policeReport']),
  message('m22', '这个保护伞是谁？黑恶势力横行这么多年没人管，肯定有警察包庇！', ['negativePolice']),
  message('m23', 'cnm，你们就知道罚款', ['abusive']),
  message('m24', '我要实名举报某局长贪污受贿', ['complaint', 'officialCrime']),
  message('m25', '请问一下，驾驶证到期换证可以在网上办理吗？', ['helpRequest']),
  message('m26', '哈哈哈，这个反诈视频太搞笑了，民警演技满分！', []),
  message('m27', '傻 逼 警 察', ['abusive']),
  message('m28', '我在五一广场被抢了，嫌疑人往黄兴路方向跑了，电话13574120000', ['policeReport', 'privacy']),
];

export function labelled(entry: CorpusEntry): LabelledText {
  return {
    id: entry.id,
    input: {
      text: entry.text,
      context:
        entry.kind === 'message'
          ? { kind: 'message' }
          : { kind: 'post', accountKind: entry.accountKind ?? 'institutional' },
      repostOf: entry.repostOf,
    },
    expected: entry.expected,
  };
}
