import { describeZodError } from '../../../shared/errors';
import { restOrdersAnswerSchema, type Order, type OrdersConnectorConfig } from '../../../shared/orders';
import { OrdersUnavailable, type OrdersConnector, type OrdersContact } from './connector-types';

/**
 * The shop's own endpoint (README: Orders connector): `GET <url>?contactId=…&phone=…&email=…&identity=<kind>:<id>…`
 * with `Authorization: Bearer <token>`, answered with `{"orders": [...]}` in the documented shape.
 * No answer within the configured time (3 s), an error status, an unreadable answer or no
 * connection each throw `OrdersUnavailable` with the reason.
 */
export class RestOrdersConnector implements OrdersConnector {
  readonly source = 'rest' as const;

  constructor(
    private readonly config: OrdersConnectorConfig,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  /** The request URL for one customer (the query the README documents). */
  requestUrl(contact: OrdersContact): URL {
    const url = new URL(this.config.url);
    url.searchParams.set('contactId', contact.id);
    if (contact.phone) url.searchParams.set('phone', contact.phone);
    if (contact.email) url.searchParams.set('email', contact.email);
    for (const identity of contact.identities) url.searchParams.append('identity', `${identity.channelKind}:${identity.externalId}`);
    return url;
  }

  async list(contact: OrdersContact): Promise<Order[]> {
    const seconds = `${this.config.timeoutMs / 1000} s`;
    let response: Response;
    let text: string;
    try {
      response = await this.fetchFn(this.requestUrl(contact), {
        method: 'GET',
        headers: { accept: 'application/json', authorization: `Bearer ${this.config.token}` },
        redirect: 'error',
        signal: AbortSignal.timeout(this.config.timeoutMs),
      });
      text = await response.text();
    } catch (err) {
      const e = err as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new OrdersUnavailable('timeout', `no answer within ${seconds}`);
      const cause = (e as { cause?: { message?: string } }).cause?.message;
      throw new OrdersUnavailable('unreachable', cause ? `${e.message}: ${cause}` : e.message);
    }
    if (!response.ok) throw new OrdersUnavailable('http_status', `HTTP ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new OrdersUnavailable('invalid_answer', 'the answer is not JSON');
    }
    const parsed = restOrdersAnswerSchema.safeParse(json);
    if (!parsed.success) throw new OrdersUnavailable('invalid_answer', describeZodError(parsed.error).slice(0, 500));
    return parsed.data.orders;
  }
}
