import { ConfigError } from './env';
import { readServiceConfig } from './service-config';

describe('readServiceConfig', () => {
  it('gives working defaults for a local machine', () => {
    const config = readServiceConfig('loyalty', {});
    expect(config.databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/loyalty');
    expect(config.natsUrl).toEqual(['nats://127.0.0.1:4222']);
    expect(config.httpPort).toBe(3003);
  });

  it('reports every bad value at once', () => {
    const read = () =>
      readServiceConfig('customers', { HTTP_PORT: 'abc', DATABASE_URL: 'mysql://x/y', NATS_URL: 'localhost', LOG_LEVEL: 'loud' });
    expect(read).toThrow(ConfigError);
    try {
      read();
    } catch (e) {
      const problems = (e as ConfigError).problems.join('\n');
      expect(problems).toMatch(/HTTP_PORT must be a whole number/);
      expect(problems).toMatch(/DATABASE_URL must use postgres/);
      expect(problems).toMatch(/NATS_URL entries/);
      expect(problems).toMatch(/LOG_LEVEL must be one of/);
    }
  });
});
