import type { AttributeDefinitionView } from '@app/contracts';
import { validateAttributeDefinition, validateAttributeValues } from './attribute-rules';

const def = (key: string, type: AttributeDefinitionView['type'], extra: Partial<AttributeDefinitionView> = {}): AttributeDefinitionView => ({
  key,
  label: key,
  type,
  options: null,
  required: false,
  order: 0,
  showInProfile: true,
  ...extra,
});

const definitions = [
  def('nickname', 'string'),
  def('shoeSize', 'number'),
  def('vip', 'boolean'),
  def('memberSince', 'date'),
  def('level', 'enum', { options: ['bronze', 'silver', 'gold'] }),
  def('club', 'string', { required: true }),
];

describe('validateAttributeValues', () => {
  it('accepts values of the right types', () => {
    const given = { nickname: 'Ann', shoeSize: 38.5, vip: false, memberSince: '2020-02-29', level: 'gold', club: 'A' };
    expect(validateAttributeValues(definitions, given, 'create')).toEqual({ values: given, errors: {} });
  });

  it('names each wrong value by its field', () => {
    const { errors } = validateAttributeValues(
      definitions,
      { nickname: 5, shoeSize: '38', vip: 'yes', memberSince: '2021-02-30', level: 'platinum', club: 'A', colour: 'red' },
      'create',
    );
    expect(Object.keys(errors).sort()).toEqual(
      ['attributes.colour', 'attributes.level', 'attributes.memberSince', 'attributes.nickname', 'attributes.shoeSize', 'attributes.vip'].sort(),
    );
    expect(errors['attributes.colour']).toEqual(['is not a defined attribute']);
    expect(errors['attributes.level'][0]).toMatch(/bronze, silver, gold/);
  });

  it('requires required attributes on create only', () => {
    expect(validateAttributeValues(definitions, {}, 'create').errors).toEqual({ 'attributes.club': ['is required'] });
    expect(validateAttributeValues(definitions, { nickname: 'x' }, 'update', { club: 'A' })).toEqual({
      values: { club: 'A', nickname: 'x' },
      errors: {},
    });
  });

  it('clears a value with null on update, but not a required one', () => {
    expect(validateAttributeValues(definitions, { nickname: null }, 'update', { nickname: 'x', club: 'A' }).values).toEqual({ club: 'A' });
    expect(validateAttributeValues(definitions, { club: null }, 'update', { club: 'A' }).errors).toEqual({ 'attributes.club': ['is required'] });
  });
});

describe('validateAttributeDefinition', () => {
  it('normalises a valid definition', () => {
    const { value, errors } = validateAttributeDefinition({ key: 'level', label: ' Level ', type: 'enum', options: ['a', 'b'] });
    expect(errors).toEqual({});
    expect(value).toEqual({ key: 'level', label: 'Level', type: 'enum', options: ['a', 'b'], required: false, showInProfile: true, order: null });
  });

  it('needs options for an enum and refuses bad keys and types', () => {
    const { errors } = validateAttributeDefinition({ key: '1bad key', label: '', type: 'enum' });
    expect(Object.keys(errors).sort()).toEqual(['key', 'label', 'options']);
    expect(validateAttributeDefinition({ key: 'x', label: 'X', type: 'colour' }).errors.type).toBeDefined();
    expect(validateAttributeDefinition({ key: 'x', label: 'X', type: 'string', options: ['a'] }).errors.options).toBeDefined();
  });
});
