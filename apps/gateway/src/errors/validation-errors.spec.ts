import { flattenValidationErrors } from './validation-errors';

describe('flattenValidationErrors', () => {
  it('gives field → messages with dotted paths and plain words for unknown fields', () => {
    const errors = flattenValidationErrors([
      { property: 'email', constraints: { isEmail: 'email must be an email' } },
      { property: 'nickname', constraints: { whitelistValidation: 'property nickname should not exist' } },
      {
        property: 'utm',
        children: [
          { property: 'source', constraints: { isString: 'source must be a string' } },
          { property: 'foo', constraints: { whitelistValidation: 'property foo should not exist' } },
        ],
      },
      { property: 'items', children: [{ property: '1', children: [{ property: 'sku', constraints: { isString: 'sku must be a string' } }] }] },
    ]);
    expect(errors).toEqual({
      email: ['email must be an email'],
      nickname: ['nickname is not allowed'],
      'utm.source': ['source must be a string'],
      'utm.foo': ['utm.foo is not allowed'],
      'items.1.sku': ['sku must be a string'],
    });
  });
});
