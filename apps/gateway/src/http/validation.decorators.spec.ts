import { validateSync } from 'class-validator';
import { IsId } from './validation.decorators';

class WithId {
  @IsId() id: string;
}
const errorsFor = (id: unknown) => validateSync(Object.assign(new WithId(), { id })).map((e) => Object.values(e.constraints ?? {}).join());

describe('IsId', () => {
  it('takes any hex UUID, also one without RFC version bits (ids made from a hash)', () => {
    expect(errorsFor('b4d76346-dced-47c7-8872-14f62cc89c3b')).toEqual([]);
    expect(errorsFor('8f1976c7-4334-013f-0dba-2a18554f21e1')).toEqual([]);
  });

  it('refuses anything else with a message naming the field', () => {
    expect(errorsFor('8f1976c7-4334-013f-0dba')).toEqual(['id must be a UUID']);
    expect(errorsFor(42)).toEqual(['id must be a UUID']);
  });
});
