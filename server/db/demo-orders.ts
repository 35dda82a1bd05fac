import type { OrderItem, ShippingAddress } from '../../shared/orders';

/**
 * What the demo shop's orders held and where they went: every demo order gets items that add up
 * to its total and its customer's shipping address, so the profile panel has something to show.
 */

const PRODUCTS: Record<string, readonly string[]> = {
  CNY: ['无线降噪耳机', '羊毛围巾', '陶瓷花瓶', '保温杯 500ml', '手机壳', '帆布托特包'],
  USD: ['Wireless earbuds', 'Wool scarf', 'Ceramic vase', 'Travel mug', 'Phone case', 'Canvas tote'],
  GBP: ['Wireless earbuds', 'Wool scarf', 'Ceramic vase', 'Travel mug', 'Phone case', 'Canvas tote'],
};

const ADDRESSES: Record<string, ShippingAddress> = {
  '张伟': { recipient: '张伟', phone: '+86 138 0013 8000', line1: '世纪大道 100 号 2 栋 1201 室', line2: null, city: '上海', region: '浦东新区', postalCode: '200120', country: 'CN' },
  'Sarah Johnson': { recipient: 'Sarah Johnson', phone: '+1 415 555 0134', line1: '742 Valencia Street', line2: 'Apt 3', city: 'San Francisco', region: 'CA', postalCode: '94110', country: 'US' },
  '刘洋': { recipient: '刘洋', phone: '+86 139 1234 5678', line1: '中关村大街 27 号 5 层', line2: null, city: '北京', region: '海淀区', postalCode: '100080', country: 'CN' },
  'Michael Brown': { recipient: 'Michael Brown', phone: null, line1: '12 Baker Street', line2: null, city: 'London', region: null, postalCode: 'NW1 6XE', country: 'GB' },
  '陈静': { recipient: '陈静', phone: '+86 137 5555 1212', line1: '天河路 385 号 18 楼', line2: null, city: '广州', region: '天河区', postalCode: '510620', country: 'CN' },
};

/**
 * Items for one demo order (`index`: the order's place in the demo, for variety): two lines when
 * the total allows, the second one a pair, with prices adding up to exactly `totalCents`.
 */
export function demoOrderItems(totalCents: number, currency: string, index: number): OrderItem[] {
  const names = PRODUCTS[currency] ?? PRODUCTS.USD!;
  const first = names[index % names.length]!;
  const second = names[(index + 3) % names.length]!;
  // Whole units for the pair (a shop's prices), the first line taking the rest.
  const pairPrice = Math.floor(totalCents / 600) * 100;
  if (pairPrice < 100) return [{ name: first, quantity: 1, unitPriceCents: totalCents }];
  return [
    { name: first, quantity: 1, unitPriceCents: totalCents - 2 * pairPrice },
    { name: second, quantity: 2, unitPriceCents: pairPrice },
  ];
}

/** The demo customer's shipping address (a made-up one for anyone not in the list). */
export function demoShippingAddress(contactName: string, contactPhone: string | null): ShippingAddress {
  return (
    ADDRESSES[contactName] ?? {
      recipient: contactName, phone: contactPhone, line1: '1 Demo Street', line2: null, city: 'Springfield', region: null, postalCode: '00000', country: 'US',
    }
  );
}
