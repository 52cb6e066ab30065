import { DomainError, ErrorCodes, invalid } from '@app/contracts';
import { fromRpcErrorBody, toRpcErrorBody } from './to-rpc-error';

describe('toRpcErrorBody', () => {
  it('keeps a domain error’s status, code and details', () => {
    const body = toRpcErrorBody(invalid({ phone: ['not a phone number'] }));
    expect(body).toEqual({
      status: 400,
      code: ErrorCodes.validationFailed,
      message: 'The request has invalid fields',
      details: { errors: { phone: ['not a phone number'] } },
    });
  });

  it('maps a Postgres unique violation to 409', () => {
    expect(toRpcErrorBody({ driverError: { code: '23505' } })).toMatchObject({ status: 409, code: ErrorCodes.conflict });
  });

  it('hides anything unexpected behind a 500 without its message', () => {
    const body = toRpcErrorBody(new Error('password=secret in a stack'));
    expect(body).toEqual({ status: 500, code: ErrorCodes.internal, message: 'Internal error' });
  });

  it('round-trips through the wire as the same DomainError', () => {
    const original = new DomainError(422, 'offer_use_limit_reached', 'Used up', { limit: 3 });
    const back = fromRpcErrorBody(JSON.parse(JSON.stringify(toRpcErrorBody(original))));
    expect(back).toBeInstanceOf(DomainError);
    expect(back.toBody()).toEqual(original.toBody());
  });
});
