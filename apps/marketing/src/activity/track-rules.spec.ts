import { parseTrackEvent, isInterestView } from './track-rules';

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
