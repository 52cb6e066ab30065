import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, IsUrl, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { TenantSettings, UpdateTenantSettingsInput } from '@app/contracts';
import { IsOptionalNotNull } from '../http/validation.decorators';

export class UpdateSettingsDto implements UpdateTenantSettingsInput {
  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA time zone; days, weeks, months and years begin in it' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(64)
  timeZone?: string;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217 currency of amounts given without one' })
  @IsOptionalNotNull()
  @IsString()
  @MaxLength(3)
  currency?: string;

  @ApiPropertyOptional({ nullable: true, type: String, example: 'https://studio.example.com', description: 'Base of card set-up and referral links (L10)' })
  @ValidateIf((_o, v) => v !== undefined && v !== null)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(500)
  publicUrl?: string | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650, description: 'Bonus points are pending deactivation this many days before they expire (L4)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(0)
  @Max(3650)
  bonusDeactivationWindowDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, description: 'Category views count as an interest for this many days (M7)' })
  @IsOptionalNotNull()
  @IsInt()
  @Min(1)
  @Max(3650)
  interestWindowDays?: number;
}

export class SettingsViewDto implements TenantSettings {
  @ApiProperty({ example: 'Europe/Berlin' }) timeZone: string;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ nullable: true, type: String }) publicUrl: string | null;
  @ApiProperty({ example: 30 }) bonusDeactivationWindowDays: number;
  @ApiProperty({ example: 30 }) interestWindowDays: number;
}
