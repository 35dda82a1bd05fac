import { readFileSync } from 'node:fs';
import { seededRandom } from '../../shared/seeded-random';
import type { KbArticle } from '../../shared/domain';

type Base = { id: string; lang: 'zh' | 'en'; title: string; body: string; category?: string; tags?: string[]; questions?: string[] };

const ZH_PRODUCTS = ['羽绒服', '连衣裙', '运动鞋', '蓝牙耳机', '充电宝', '保温杯', '双肩包', '牛仔裤', '机械键盘', '电动牙刷', '真丝围巾', '儿童雨靴', '瑜伽垫', '咖啡机', '床上四件套'];
const EN_PRODUCTS = ['down jacket', 'summer dress', 'running shoes', 'wireless earbuds', 'power bank', 'travel mug', 'backpack', 'slim jeans', 'mechanical keyboard', 'electric toothbrush', 'silk scarf', 'rain boots', 'yoga mat', 'coffee maker', 'bedding set'];
const ZH_EXTRA = ['本款支持七天无理由。', '限时活动期间下单赠送小礼品。', '商品以实物为准。', '请在收货后尽快检查商品。', '会员购买可享额外积分。'];
const EN_EXTRA = ['This item qualifies for free returns.', 'A small gift comes with orders during the promotion.', 'Colours may vary slightly.', 'Please check the item soon after delivery.', 'Members earn extra points.'];


/**
 * `count` knowledge articles for benchmarks: the demo knowledge base's articles, each rewritten
 * for one product of a shop's range (title, body and alternative questions name the product), in
 * both languages.
 */
export function benchArticles(count: number, kbFile: URL): KbArticle[] {
  const base = JSON.parse(readFileSync(kbFile, 'utf8')) as Base[];
  // The same articles on every run.
  const next = seededRandom(7340);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const out: KbArticle[] = [];
  for (let i = 0; i < count; i++) {
    const b = base[i % base.length]!;
    const zh = b.lang === 'zh';
    const product = `${pick(zh ? ZH_PRODUCTS : EN_PRODUCTS)} ${zh ? '型号' : 'model'} ${100 + Math.floor(next() * 900)}`;
    out.push({
      id: `bench-${i}`,
      lang: b.lang,
      title: zh ? `${b.title}（${product}）` : `${b.title} (${product})`,
      body: `${b.body}\n\n${zh ? `适用商品：${product}。` : `Applies to: ${product}.`} ${pick(zh ? ZH_EXTRA : EN_EXTRA)}`,
      category: b.category ?? '',
      tags: [...(b.tags ?? []), product],
      questions: (b.questions ?? []).map((q) => (next() < 0.5 ? `${product} ${q}` : q)),
      enabled: true,
      updatedAt: new Date(0).toISOString(),
    });
  }
  return out;
}
