import { checkGenerateSpec, checkImportedCodes, CODE_ALPHABET, generateCode, normalizeCode } from './promo-code-rules';

describe('promo code rules', () => {
  it('normalises codes to upper case and refuses malformed ones', () => {
    expect(normalizeCode(' summer-10 ')).toBe('SUMMER-10');
    expect(normalizeCode('ab')).toBeNull();
    expect(normalizeCode('-ABC')).toBeNull();
    expect(normalizeCode('A B C')).toBeNull();
    expect(normalizeCode(42)).toBeNull();
  });

  it('reports bad and repeated imported codes by index', () => {
    const { codes, errors } = checkImportedCodes(['abc1', 'ABC1', 'x', 'GOOD-2']);
    expect(codes).toEqual(['ABC1', 'GOOD-2']);
    expect(Object.keys(errors).sort()).toEqual(['codes[1]', 'codes[2]']);
    expect(checkImportedCodes([]).errors).toHaveProperty('codes');
  });

  it('generates codes of the asked length from an unambiguous alphabet', () => {
    const code = generateCode('SUMMER-', 12);
    expect(code).toMatch(/^SUMMER-[A-Z2-9]{12}$/);
    expect([...code.slice(7)].every((c) => CODE_ALPHABET.includes(c))).toBe(true);
    expect(generateCode('', 6, () => 0)).toBe('AAAAAA');
    expect(normalizeCode(generateCode('P', 6))).not.toBeNull();
  });

  it('checks a generate request', () => {
    expect(checkGenerateSpec({ count: 5 }).spec).toEqual({ count: 5, prefix: '', length: 10 });
    expect(checkGenerateSpec({ count: 5, prefix: 'x-', length: 6 }).spec).toEqual({ count: 5, prefix: 'X-', length: 6 });
    const { errors } = checkGenerateSpec({ count: 0, prefix: 'no spaces', length: 3, style: 'fun' });
    expect(Object.keys(errors).sort()).toEqual(['generate.count', 'generate.length', 'generate.prefix', 'generate.style']);
  });
});
