import { cartChanges, parseTrackEvent, isInterestView, type CartEvent } from './track-rules';

const now = new Date('2024-06-30T12:00:00Z');
const id = '0b6c3f4e-1111-4222-8333-444455556666';
const parse = (raw: unknown) => parseTrackEvent(raw, now);

describe('track event rules', () => {
  it('accepts a product view by customer id and takes the category from the product', () => {
    const { event, errors } = parse({ customerId: id.toUpperCase(), type: 'product_view', at: '2024-06-30T11:00:00Z', product: { sku: 'M-24', name: '24" monitor', price: 19900, category: 'Monitors' } });
    expect(errors).toEqual({});
    expect(event).toMatchObject({ customerId: id, type: 'product_view', category: 'Monitors', product: { sku: 'M-24', quantity: 1, price: 19900 } });
    expect(event!.at.toISOString()).toBe('2024-06-30T11:00:00.000Z');
    expect(isInterestView(event!)).toBe(true);
  });

  it('accepts an email instead of an id, lower-cased, and defaults the time to now', () => {
    const { event } = parse({ email: ' Ann@Example.com ', type: 'visit' });
    expect(event).toMatchObject({ email: 'ann@example.com', customerId: null, at: now });
    expect(isInterestView(event!)).toBe(false);
  });

  it('needs exactly one of customerId and email', () => {
    expect(parse({ type: 'visit' }).errors).toHaveProperty('customerId');
    expect(parse({ type: 'visit', customerId: id, email: 'a@b.de' }).errors).toHaveProperty('customerId');
    expect(parse({ type: 'visit', customerId: 'nope' }).errors.customerId).toEqual(['must be a UUID']);
  });

  it('refuses unknown types and fields, and times in the future or too far back', () => {
    const { errors } = parse({ customerId: id, type: 'purchase', colour: 'red', at: '2024-06-30T13:00:00Z' });
    expect(Object.keys(errors).sort()).toEqual(['at', 'colour', 'type']);
    expect(parse({ customerId: id, type: 'visit', at: '2023-06-01T00:00:00Z' }).errors).toHaveProperty('at');
    expect(parse({ customerId: id, type: 'visit', at: 'yesterday' }).errors).toHaveProperty('at');
    // five minutes of clock skew are fine
    expect(parse({ customerId: id, type: 'visit', at: '2024-06-30T12:04:00Z' }).errors).toEqual({});
  });

  it('asks each type for what it needs', () => {
    expect(parse({ customerId: id, type: 'category_view' }).errors).toHaveProperty('category');
    expect(parse({ customerId: id, type: 'page_view' }).errors).toHaveProperty('url');
    expect(parse({ customerId: id, type: 'cart_add', product: { sku: 'A' } }).errors).toHaveProperty(['product.name']);
    expect(parse({ customerId: id, type: 'cart_remove' }).errors).toHaveProperty('product');
    expect(parse({ customerId: id, type: 'cart_remove', product: { sku: 'A' } }).errors).toEqual({});
  });

  it('checks the product fields', () => {
    const { errors } = parse({ customerId: id, type: 'cart_add', product: { sku: '', name: 'X', price: 9.99, quantity: 0, currency: 'eur', size: 'L' } });
    expect(Object.keys(errors).sort()).toEqual(['product.currency', 'product.price', 'product.quantity', 'product.size', 'product.sku']);
  });

  it('says what is wrong with something that is not an event', () => {
    expect(parse('visit').errors).toEqual({ event: ['must be an object'] });
    expect(parse(null).errors).toEqual({ event: ['must be an object'] });
  });
});

describe('cart changes of a batch', () => {
  const product = (sku: string, quantity = 1, name = `P ${sku}`) => ({ sku, name, price: 100, currency: 'EUR', quantity, category: null });
  const at = (minute: number) => new Date(Date.UTC(2024, 5, 30, 12, minute));
  const event = (type: CartEvent['type'], sku: string, minute: number, order: number, quantity = 1, customerId = 'c1'): CartEvent => ({ customerId, type, at: at(minute), order, product: product(sku, quantity) });

  it('adds up additions of a product and keeps the latest time', () => {
    expect(cartChanges([event('cart_add', 'A', 1, 0), event('cart_add', 'A', 3, 1, 2)])).toEqual({
      removed: [],
      added: [{ customerId: 'c1', sku: 'A', name: 'P A', price: 100, currency: 'EUR', quantity: 3, addedAt: at(3) }],
    });
  });

  it('applies events in time order whatever order they came in: a removal clears what came before it', () => {
    const { removed, added } = cartChanges([event('cart_remove', 'A', 5, 0), event('cart_add', 'A', 1, 1), event('cart_add', 'A', 7, 2, 4), event('cart_add', 'B', 2, 3)]);
    expect(removed).toEqual([{ customerId: 'c1', sku: 'A' }]);
    expect(added.map((a) => [a.sku, a.quantity])).toEqual([
      ['A', 4],
      ['B', 1],
    ]);
  });

  it('removes a product whose last event is a removal, and keeps customers apart', () => {
    const { removed, added } = cartChanges([event('cart_add', 'A', 1, 0), event('cart_remove', 'A', 2, 1), event('cart_add', 'A', 1, 2, 1, 'c2')]);
    expect(removed).toEqual([{ customerId: 'c1', sku: 'A' }]);
    expect(added).toEqual([expect.objectContaining({ customerId: 'c2', sku: 'A', quantity: 1 })]);
  });
});
