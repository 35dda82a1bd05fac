/**
 * Words that carry feeling in customers' messages, weighted -3 (abuse, fury) to +3 (delight).
 * Words that merely describe a problem ("坏了", "broken", "late") are not here: a customer
 * reporting a fault is not therefore upset. Negated phrases that customers write as one unit
 * ("不满意", "not happy") are listed whole.
 */
export const ZH_SENTIMENT: Readonly<Record<string, number>> = {
  // abuse and fury
  垃圾: -3, 骗子: -3, 骗人: -3, 坑人: -3, 黑店: -3, 无良: -3, 恶心: -3, 滚: -3, 傻逼: -3, 妈的: -3, 去死: -3,
  奸商: -3, 忍无可忍: -3, 受够了: -3, 欺诈: -3, 诈骗: -3, 流氓: -3, 太过分: -3, 过分了: -2, 气死我了: -3,
  // anger and strong dissatisfaction
  气人: -2, 气死: -2, 生气: -2, 愤怒: -2, 火大: -2, 无语: -2, 投诉: -2, 差评: -2, 举报: -2, 再也不买: -2,
  什么态度: -2, 态度差: -2, 不满意: -2, 失望: -2, 太失望: -3, 坑: -2, 烂: -2, 离谱: -2,
  没人理: -2, 不回消息: -2, 敷衍: -2, 不负责: -2, 退钱: -1, 赔偿: -1, 糟糕: -2, 崩溃: -2, 烦死: -2,
  // mild
  差: -1, 慢: -1, 着急: -1, 急死: -2, 郁闷: -1, 烦: -1, 不爽: -1, 不高兴: -1, 不开心: -1, 难受: -1, 麻烦: -1,
  // positive
  谢谢: 1, 感谢: 2, 多谢: 1, 满意: 2, 很好: 2, 不错: 1, 好评: 2, 喜欢: 1, 开心: 2, 棒: 2, 赞: 2,
  给力: 2, 完美: 3, 辛苦了: 1, 靠谱: 2, 贴心: 2,
};

export const EN_SENTIMENT: Readonly<Record<string, number>> = {
  // abuse and fury
  scam: -3, scammer: -3, scammers: -3, fraud: -3, useless: -3, pathetic: -3, disgusting: -3, worst: -3,
  ridiculous: -3, outrageous: -3, unacceptable: -3, furious: -3, idiots: -3, idiot: -3, stupid: -3, crap: -3,
  joke: -2, garbage: -3, rubbish: -3, 'never again': -3, 'fed up': -3, livid: -3, sue: -3, lawyer: -2,
  // anger and strong dissatisfaction
  angry: -2, terrible: -2, awful: -2, horrible: -2, disappointed: -2, disappointing: -2, annoyed: -2,
  frustrated: -2, frustrating: -2, complain: -2, complaint: -2, rude: -2, 'not happy': -2, unhappy: -2,
  ignored: -2, 'no one answers': -2, 'nobody answers': -2, lied: -3, liar: -3, liars: -3, 'rip off': -3, ripoff: -3,
  // mild
  bad: -1, poor: -1, slow: -1, upset: -2, worried: -1, confusing: -1, unfortunately: -1,
  // positive
  thanks: 1, thank: 1, great: 2, good: 1, perfect: 3, love: 2, awesome: 2, excellent: 3, happy: 2,
  helpful: 2, amazing: 2, wonderful: 2, appreciate: 2, nice: 1, satisfied: 2,
};

/** Words that strengthen the feeling word right after them. */
export const ZH_INTENSIFIERS = ['太', '非常', '特别', '超级', '超', '真的', '真', '极其', '简直', '好'];
export const EN_INTENSIFIERS = ['so', 'very', 'really', 'extremely', 'totally', 'absolutely', 'completely', 'utterly', 'such'];

/** Words that turn the feeling word right after them around (and soften it). */
export const ZH_NEGATORS = ['不', '没', '别', '并不', '不太'];
export const EN_NEGATORS = ['not', "don't", 'dont', 'never', 'no', "isn't", 'isnt', "wasn't", 'wasnt'];
