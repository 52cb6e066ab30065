import { applyAppointment, readAppointmentInput } from './appointment-rules';

describe('appointments (C11)', () => {
  it('takes the year of the start in the tenant’s time zone when none is given', () => {
    // 16:00 UTC on 31 December is already 01:00 on 1 January in Tokyo.
    const fields = readAppointmentInput({ type: 'Showroom', startsAt: '2025-12-31T16:00:00Z' }, 'create');
    expect(applyAppointment(null, fields, 'UTC').record.year).toBe(2025);
    expect(applyAppointment(null, fields, 'Asia/Tokyo').record.year).toBe(2026);
  });

  it('keeps a given year and season', () => {
    const fields = readAppointmentInput({ type: 'Showroom', startsAt: '2026-01-10T10:00:00Z', season: 'FW', year: 2025 }, 'create');
    expect(applyAppointment(null, fields, 'UTC').record).toMatchObject({ year: 2025, season: 'FW' });
  });

  it('keeps the year when an appointment moves into the next year', () => {
    const before = { type: 'Visit', season: 'FW', year: 2025, startsAt: '2025-12-20T10:00:00.000Z', endsAt: null, notes: null };
    const moved = applyAppointment(before, readAppointmentInput({ startsAt: '2026-01-05T10:00:00Z' }, 'update'), 'UTC');
    expect(moved.record).toMatchObject({ year: 2025, startsAt: '2026-01-05T10:00:00.000Z' });
  });

  it('needs the end after the start', () => {
    const at = '2025-05-01T10:00:00Z';
    expect(applyAppointment(null, readAppointmentInput({ type: 'Call', startsAt: at, endsAt: at }, 'create'), 'UTC').error).toMatch(/after/);
    expect(applyAppointment(null, readAppointmentInput({ type: 'Call', startsAt: at, endsAt: '2025-05-01T10:30:00Z' }, 'create'), 'UTC').error).toBeNull();
  });
});
