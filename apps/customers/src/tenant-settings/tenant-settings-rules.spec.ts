import { DEFAULT_TENANT_SETTINGS } from '@app/contracts';
import { applySettingsChange } from './tenant-settings-rules';

describe('applySettingsChange', () => {
  it('applies valid values and keeps the rest', () => {
    const { settings, errors } = applySettingsChange(DEFAULT_TENANT_SETTINGS, {
      timeZone: 'Europe/Berlin',
      currency: 'gbp',
      publicUrl: 'https://studio.example.com/',
      interestWindowDays: 14,
    });
    expect(errors).toEqual({});
    expect(settings).toEqual({ ...DEFAULT_TENANT_SETTINGS, timeZone: 'Europe/Berlin', currency: 'GBP', publicUrl: 'https://studio.example.com', interestWindowDays: 14 });
  });

  it('reports every bad field', () => {
    const { errors } = applySettingsChange(DEFAULT_TENANT_SETTINGS, {
      timeZone: 'Europe/Atlantis',
      currency: 'EURO',
      publicUrl: 'ftp://x',
      bonusDeactivationWindowDays: -1,
      interestWindowDays: 0,
      colour: 'red',
    });
    expect(Object.keys(errors).sort()).toEqual(['bonusDeactivationWindowDays', 'colour', 'currency', 'interestWindowDays', 'publicUrl', 'timeZone']);
  });

  it('accepts the edges: zero deactivation window, null public URL', () => {
    const { settings, errors } = applySettingsChange({ ...DEFAULT_TENANT_SETTINGS, publicUrl: 'https://a.example' }, { bonusDeactivationWindowDays: 0, publicUrl: null });
    expect(errors).toEqual({});
    expect(settings.bonusDeactivationWindowDays).toBe(0);
    expect(settings.publicUrl).toBeNull();
  });
});
