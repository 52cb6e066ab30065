import { Global, Module, type DynamicModule } from '@nestjs/common';
import { EnvReader } from '@app/platform';
import { isPhoneCountry } from './customers/contact-rules';

/** Settings of the customers service beyond what every service has. */
export interface CustomersSettings {
  /**
   * DEFAULT_PHONE_COUNTRY (ISO 3166-1 alpha-2, default DE): the country a phone number
   * written without a leading + (national format, e.g. "0151 1234567") is read as.
   */
  defaultPhoneCountry: string;
}

export const CUSTOMERS_SETTINGS = Symbol('CUSTOMERS_SETTINGS');

/** Reads and validates the settings; a bad value throws ConfigError so the service stops at start. */
export function readCustomersSettings(env: Record<string, string | undefined> = process.env): CustomersSettings {
  const r = new EnvReader(env);
  const defaultPhoneCountry = r.string('DEFAULT_PHONE_COUNTRY', 'DE').toUpperCase();
  if (!isPhoneCountry(defaultPhoneCountry)) r.problems.push(`DEFAULT_PHONE_COUNTRY must be a country code such as DE, got "${defaultPhoneCountry}"`);
  r.done();
  return { defaultPhoneCountry };
}

@Global()
@Module({})
export class CustomersSettingsModule {
  static forRoot(settings: CustomersSettings): DynamicModule {
    return {
      module: CustomersSettingsModule,
      providers: [{ provide: CUSTOMERS_SETTINGS, useValue: settings }],
      exports: [CUSTOMERS_SETTINGS],
    };
  }
}
