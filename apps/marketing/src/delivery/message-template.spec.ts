import { renderTemplate } from './message-template';

describe('message template', () => {
  it('fills names and the promo code, and empties missing values', () => {
    const text = 'Hi {{firstName}} {{ lastName }}, use {{promoCode}}! {{unknown}}';
    expect(renderTemplate(text, { firstName: 'Ada', lastName: 'King', promoCode: 'SAVE10' })).toBe('Hi Ada King, use SAVE10! {{unknown}}');
    expect(renderTemplate(text, { firstName: null, lastName: null, promoCode: null })).toBe('Hi  , use ! {{unknown}}');
  });
});
