/**
 * 第十七条（一）12: foreign media and websites (境外, which in this usage includes Hong Kong, Macao
 * and Taiwan outlets). A maintained list: add an outlet's usual names and its domains.
 */

export interface ForeignOutlet {
  /** Names as they appear in a credit line; matched without regard to case or width. */
  names: readonly string[];
  domains: readonly string[];
}

export const FOREIGN_OUTLETS: readonly ForeignOutlet[] = [
  { names: ['美联社', '美國聯合通訊社', 'Associated Press', 'AP News'], domains: ['apnews.com', 'ap.org'] },
  { names: ['路透社', 'Reuters'], domains: ['reuters.com'] },
  { names: ['法新社', 'AFP'], domains: ['afp.com'] },
  { names: ['英国广播公司', 'BBC'], domains: ['bbc.com', 'bbc.co.uk'] },
  { names: ['美国有线电视新闻网', 'CNN'], domains: ['cnn.com'] },
  { names: ['纽约时报', 'New York Times', 'NYTimes'], domains: ['nytimes.com'] },
  { names: ['华盛顿邮报', 'Washington Post'], domains: ['washingtonpost.com'] },
  { names: ['华尔街日报', 'Wall Street Journal', 'WSJ'], domains: ['wsj.com'] },
  { names: ['美国之音', 'VOA'], domains: ['voanews.com', 'voachinese.com'] },
  { names: ['自由亚洲电台', 'Radio Free Asia', 'RFA'], domains: ['rfa.org'] },
  { names: ['德国之声', 'Deutsche Welle'], domains: ['dw.com'] },
  { names: ['法国国际广播电台', 'RFI'], domains: ['rfi.fr'] },
  { names: ['卫报', 'The Guardian'], domains: ['theguardian.com'] },
  { names: ['泰晤士报', 'The Times'], domains: ['thetimes.co.uk'] },
  { names: ['金融时报', 'Financial Times'], domains: ['ft.com', 'ftchinese.com'] },
  { names: ['经济学人', 'The Economist'], domains: ['economist.com'] },
  { names: ['彭博社', '彭博', 'Bloomberg'], domains: ['bloomberg.com'] },
  { names: ['半岛电视台', 'Al Jazeera'], domains: ['aljazeera.com', 'aljazeera.net'] },
  { names: ['今日俄罗斯', 'Russia Today'], domains: ['rt.com'] },
  { names: ['塔斯社', 'TASS'], domains: ['tass.ru', 'tass.com'] },
  { names: ['共同社', '共同通信社', 'Kyodo'], domains: ['kyodonews.net'] },
  { names: ['朝日新闻', 'Asahi'], domains: ['asahi.com'] },
  { names: ['读卖新闻', 'Yomiuri'], domains: ['yomiuri.co.jp'] },
  { names: ['日本放送协会', 'NHK'], domains: ['nhk.or.jp'] },
  { names: ['韩联社', 'Yonhap'], domains: ['yna.co.kr'] },
  { names: ['韩国放送公社', 'KBS'], domains: ['kbs.co.kr'] },
  { names: ['韩国文化广播公司', 'MBC'], domains: ['imbc.com'] },
  { names: ['朝鲜日报'], domains: ['chosun.com'] },
  { names: ['东亚日报'], domains: ['donga.com'] },
  { names: ['产经新闻'], domains: ['sankei.com'] },
  { names: ['每日邮报', 'Daily Mail'], domains: ['dailymail.co.uk'] },
  { names: ['时代周刊', 'TIME'], domains: ['time.com'] },
  { names: ['明镜周刊', 'Der Spiegel'], domains: ['spiegel.de'] },
  { names: ['法国24', 'France 24'], domains: ['france24.com'] },
  { names: ['南华早报', 'SCMP'], domains: ['scmp.com'] },
  { names: ['星岛日报'], domains: ['stheadline.com'] },
  { names: ['联合早报', 'Zaobao'], domains: ['zaobao.com', 'zaobao.com.sg'] },
  { names: ['海峡时报', 'Straits Times'], domains: ['straitstimes.com'] },
  { names: ['大纪元', 'Epoch Times'], domains: ['epochtimes.com'] },
  { names: ['新唐人', 'NTDTV'], domains: ['ntdtv.com'] },
  { names: ['端传媒', 'Initium'], domains: ['theinitium.com'] },
  { names: ['自由时报'], domains: ['ltn.com.tw'] },
  { names: ['联合报', '联合新闻网'], domains: ['udn.com'] },
  { names: ['中央通讯社', '中央社'], domains: ['cna.com.tw'] },
  { names: ['明报'], domains: ['mingpao.com'] },
  { names: ['苹果日报', 'Apple Daily'], domains: ['appledaily.com', 'appledaily.com.tw'] },
  { names: ['香港01'], domains: ['hk01.com'] },
  { names: ['推特', 'Twitter'], domains: ['twitter.com', 'x.com', 't.co'] },
  { names: ['脸书', 'Facebook'], domains: ['facebook.com', 'fb.com'] },
  { names: ['油管', 'YouTube'], domains: ['youtube.com', 'youtu.be'] },
  { names: ['Instagram'], domains: ['instagram.com'] },
  { names: ['Telegram'], domains: ['t.me', 'telegram.org'] },
];

/**
 * Country-code domains that are used as vanity names by domestic sites; any other two-letter
 * top-level domain but .cn is foreign.
 */
export const VANITY_TLDS: readonly string[] = ['io', 'me', 'cc', 'tv', 'co', 'ai', 'so', 'la', 'fm', 'ly'];
