/**
 * Customer-service concepts of an online shop and the ways customers name them, in Chinese and
 * in English. A text that names a concept in either language carries the concept, so "我的order"
 * meets "订单" and "refund多久到" meets "退款多久到账". Chinese entries match anywhere in the
 * (normalised) text; English entries match whole words after stemming, phrases word by word.
 * General shop vocabulary only: a knowledge base's own words are found without it.
 *
 * Rule for an entry: it is a word or set phrase that names the concept in any shop (a dictionary
 * term, not a sentence fragment, a typo, a product name or a phrasing taken from a test question),
 * and its concept is named by more than one phrasing across the two languages. Typos and
 * homophones are found by the retrieval's own typo and pinyin matching against the knowledge base,
 * never listed here. `npx tsx test/bot-eval/lexicon-audit.ts` lists entries that occur in the
 * evaluation questions and nowhere in the shipped knowledge base: each must pass the rule above.
 */
export type Concept = { id: string; zh: readonly string[]; en: readonly string[] };

export const CONCEPTS: readonly Concept[] = [
  { id: 'order', zh: ['订单', '单子', '下单', '拍下'], en: ['order', 'purchase'] },
  { id: 'dispatch', zh: ['发货', '发出', '寄出', '出库', '发走'], en: ['ship', 'dispatch', 'send out', 'sent out'] },
  { id: 'arrival', zh: ['到货', '送到', '收到货', '送达', '到达', '多久到', '能到'], en: ['arrive', 'deliver', 'delivery', 'get my', 'receive'] },
  { id: 'tracking', zh: ['物流', '轨迹', '单号', '查件', '到哪'], en: ['track', 'tracking', 'where is my', 'parcel status'] },
  { id: 'parcel', zh: ['快递', '包裹'], en: ['package', 'parcel', 'courier', 'carrier'] },
  { id: 'courier', zh: ['快递公司', '顺丰', '中通', '圆通', '韵达', '申通', '邮政', 'ems', '京东快递'], en: ['courier', 'carrier', 'ups', 'fedex', 'dhl', 'usps'] },
  { id: 'shipping_fee', zh: ['运费', '邮费', '包邮', '免运费', '快递费'], en: ['shipping cost', 'shipping fee', 'free shipping', 'postage', 'delivery fee', 'delivery charge'] },
  { id: 'address', zh: ['地址', '收货信息', '收件人', '收货人'], en: ['address'] },
  { id: 'cancel', zh: ['取消', '撤销', '不要了', '拍错'], en: ['cancel', 'cancellation', 'by mistake'] },
  { id: 'return', zh: ['退货', '寄回', '退掉', '退了'], en: ['return', 'send back', 'send it back'] },
  { id: 'refund', zh: ['退款', '退钱', '钱退', '到账', '退回来'], en: ['refund', 'money back', 'reimburse', 'reimbursement'] },
  { id: 'deposit', zh: ['定金'], en: ['deposit'] },
  { id: 'preorder', zh: ['预售', '预订', '预定'], en: ['pre-order', 'preorder', 'pre order'] },
  { id: 'exchange', zh: ['换货', '调换', '换个', '换一个', '换成', '换小'], en: ['exchange', 'swap', 'replace'] },
  { id: 'size', zh: ['尺码', '尺寸', '大小', '偏大', '偏小', '身高', '体重', '小一码'], en: ['size', 'sizing', 'fit', 'large'] },
  { id: 'colour', zh: ['颜色', '色'], en: ['colour', 'color'] },
  { id: 'defect', zh: ['质量', '破损', '坏了', '瑕疵', '有洞', '压坏', '裂了'], en: ['damaged', 'broken', 'defective', 'faulty', 'defect'] },
  { id: 'missing_item', zh: ['少件', '漏发', '发错', '少了', '只收到'], en: ['missing', 'wrong item'] },
  { id: 'invoice', zh: ['发票', '开票', '抬头', '税号', '专票'], en: ['invoice', 'receipt', 'vat'] },
  { id: 'coupon', zh: ['优惠券', '券', '满减', '红包', '折扣码', '优惠码'], en: ['coupon', 'promo', 'discount code', 'voucher', 'promo code'] },
  { id: 'price_drop', zh: ['降价', '差价', '价保'], en: ['price drop', 'price adjustment', 'price match', 'on sale'] },
  { id: 'pay_method', zh: ['支付方式', '付款方式', '微信支付', '支付宝', '银联', '信用卡', '货到付款', '微信付'], en: ['payment method', 'pay with', 'paypal', 'apple pay', 'google pay', 'visa', 'mastercard', 'cash on delivery', 'alipay'] },
  { id: 'payment', zh: ['支付', '付款', '扣款', '扣钱', '扣了'], en: ['payment', 'pay', 'charge', 'charged'] },
  { id: 'pay_failed', zh: ['支付失败', '付不了', '付款失败', '重复扣款'], en: ['declined', 'charged twice', 'payment failed', 'double charge'] },
  { id: 'installment', zh: ['分期', '花呗', '免息'], en: ['installment', 'instalment', 'pay later', 'klarna'] },
  { id: 'points', zh: ['积分'], en: ['points', 'reward points', 'loyalty points'] },
  { id: 'membership', zh: ['会员', 'vip', '等级', '金卡', '银卡', '黑卡'], en: ['membership', 'vip', 'tier', 'loyalty', 'member'] },
  { id: 'sign_in', zh: ['密码', '登录', '登陆', '验证码', '锁定', '被锁'], en: ['password', 'log in', 'login', 'sign in', 'signin', 'locked', 'reset'] },
  { id: 'phone_number', zh: ['手机号', '换绑', '绑定手机', '手机号码', '电话号码'], en: ['phone number', 'mobile number'] },
  { id: 'account_closure', zh: ['注销', '删号', '删除账号', '删除账户'], en: ['delete account', 'close account', 'delete my account', 'close my account', 'remove my data', 'personal data'] },
  { id: 'account', zh: ['账号', '账户', '帐号'], en: ['account'] },
  { id: 'warranty', zh: ['保修', '维修', '修理', '能修'], en: ['warranty', 'repair', 'guarantee', 'stopped working'] },
  { id: 'opening_hours', zh: ['工作时间', '上班', '几点', '营业时间', '在线时间'], en: ['opening hours', 'open', 'business hours', 'support hours', 'hours'] },
  { id: 'restock', zh: ['补货', '到货通知', '缺货', '断码', '没货', '有货', '售罄'], en: ['restock', 'back in stock', 'out of stock', 'sold out', 'in stock'] },
  { id: 'gift_wrap', zh: ['礼品包装', '礼物', '包装', '贺卡', '送人', '礼盒', '价格单'], en: ['gift wrap', 'gift message', 'gift box', 'wrapping'] },
  { id: 'abroad', zh: ['海外', '国外', '港澳台', '香港', '澳门', '台湾', '国际', '关税'], en: ['international', 'overseas', 'abroad', 'customs', 'import tax', 'duties', 'duty'] },
  { id: 'gift_card', zh: ['礼品卡', '购物卡'], en: ['gift card', 'giftcard', 'e-gift'] },
  { id: 'when', zh: ['什么时候', '多久', '哪天'], en: ['when', 'how long', 'how soon'] },
];
