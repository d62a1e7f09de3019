/**
 * 第八条, 第十七条（一）11: no commercial promotion. Police posts name sums all the time (罚款200元,
 * 被骗3万元), so a bare “N元” fires only beside a selling word; a ¥ price or a call to buy fires
 * unless its sentence tells of a scam (anti-fraud posts quote the scammer's pitch); a shop link or
 * a 淘口令 always fires.
 */
import { detectorText, overlaps, scan, type DetectorHit } from './types';

export const TAOKOULING =
  /[₤¥$€¢₳₴]\s?[A-Za-z0-9]{8,14}\s?[₤¥$€¢₳₴]|(?:复制|长按)[^。\n]{0,20}?打开[^。\n]{0,6}?(?:手机淘宝|淘宝|手淘|天猫|京东|拼多多)/g;
export const SYMBOL_PRICE = /[¥$]\s?\d+(?:\.\d{1,2})?/g;
export const YUAN_PRICE = /(?<![\d.万亿])\d+(?:\.\d{1,2})?\s?元/g;
export const SELLING = /售价|原价|现价|特价|仅需|只需|到手价|券后|优惠价|促销价|包邮|秒杀|团购价|限时特惠|折后/;
export const PURCHASE_CALL =
  /点击购买|立即购买|马上购买|立即抢购|马上抢购|点击下单|立即下单|马上下单|扫码下单|扫码购买|领取优惠券|领优惠券|领券|优惠券领取|下单立减|加入购物车|戳链接|私信下单|直播间下单|链接在评论区/g;
export const SCAM = /诈骗|骗子|骗局|冒充|诱导|刷单|受害人|被骗/;
export const SHOP_LINK =
  /(?:https?:\/\/)?(?:[a-z0-9-]+\.)*(?:taobao\.com|tmall\.com|tb\.cn|jd\.com|3\.cn|pinduoduo\.com|yangkeduo\.com|weidian\.com|youzan\.com|vip\.com|suning\.com)(?:\/[^\s\u4e00-\u9fa5，。！？：；]*)?/gi;

export function detectCommercial(original: string, view = detectorText(original)): DetectorHit[] {
  const text = view.replace(/￥/g, '¥');
  const hits: DetectorHit[] = [];
  const push = (start: number, end: number, detector: DetectorHit['detector'], rule: string): void => {
    hits.push({ start, end, category: 'commercial', detector, rule, matched: original.slice(start, end) });
  };
  for (const m of scan(SHOP_LINK, text)) push(m.start, m.end, 'shopLink', '电商链接');
  for (const m of scan(TAOKOULING, text)) if (!overlaps(m, hits)) push(m.start, m.end, 'shopLink', '淘口令');
  for (const s of scan(/[^。！？!?\n\r\u2028\u2029；;]+/g, text)) {
    if (SCAM.test(s.value)) continue;
    const at = (m: { start: number; end: number }): { start: number; end: number } => ({
      start: s.start + m.start,
      end: s.start + m.end,
    });
    for (const m of scan(PURCHASE_CALL, s.value)) push(at(m).start, at(m).end, 'purchaseCall', '购买号召');
    for (const m of scan(SYMBOL_PRICE, s.value))
      if (!overlaps(at(m), hits)) push(at(m).start, at(m).end, 'price', '商品价格');
    if (!SELLING.test(s.value)) continue;
    for (const m of scan(YUAN_PRICE, s.value))
      if (!overlaps(at(m), hits)) push(at(m).start, at(m).end, 'price', '商品价格');
  }
  return hits.sort((a, b) => a.start - b.start);
}
