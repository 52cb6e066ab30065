import { randomUUID } from 'node:crypto';
import { controlDraw, inControlGroup, percentToBasisPoints } from './control-group';

describe('control group draw', () => {
  const mailing = '6f1c2d0e-0000-4000-8000-000000000001';

  it('is reproducible per mailing and customer, and independent of letter case', () => {
    const customer = randomUUID();
    expect(controlDraw(mailing, customer)).toBe(controlDraw(mailing, customer));
    expect(controlDraw(mailing.toUpperCase(), customer.toUpperCase())).toBe(controlDraw(mailing, customer));
    // md5('a:b') starts with d8160c9b = 3625323675; the draw is its value modulo 10,000
    expect(controlDraw('a', 'b')).toBe(3675);
  });

  it('puts nobody in at 0 % and everybody at 100 %', () => {
    const ids = Array.from({ length: 500 }, () => randomUUID());
    expect(ids.filter((id) => inControlGroup(mailing, id, 0))).toHaveLength(0);
    expect(ids.filter((id) => inControlGroup(mailing, id, 100))).toHaveLength(500);
  });

  it('draws close to the asked share over many customers, and another mailing draws others', () => {
    const ids = Array.from({ length: 20_000 }, () => randomUUID());
    const control = ids.filter((id) => inControlGroup(mailing, id, 10));
    expect(control.length / ids.length).toBeGreaterThan(0.09);
    expect(control.length / ids.length).toBeLessThan(0.11);
    const other = new Set(ids.filter((id) => inControlGroup('6f1c2d0e-0000-4000-8000-000000000002', id, 10)));
    const overlap = control.filter((id) => other.has(id)).length;
    // independent draws overlap by about 10 % of 10 %
    expect(overlap / control.length).toBeLessThan(0.2);
  });

  it('takes percentages with two decimals as basis points', () => {
    expect(percentToBasisPoints(12.5)).toBe(1250);
    expect(percentToBasisPoints(0.01)).toBe(1);
    const ids = Array.from({ length: 2000 }, () => randomUUID());
    const at = (p: number) => new Set(ids.filter((id) => inControlGroup(mailing, id, p)));
    // a larger share contains a smaller one: raising the percentage only adds customers
    const small = at(5);
    const large = at(20);
    expect([...small].every((id) => large.has(id))).toBe(true);
  });
});
