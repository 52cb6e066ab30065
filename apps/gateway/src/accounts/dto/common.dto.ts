import { ApiProperty } from '@nestjs/swagger';

export class ActorRefDto {
  @ApiProperty({ enum: ['user', 'customer', 'system'] }) type: 'user' | 'customer' | 'system';
  @ApiProperty({ example: 'user-42', description: 'The token subject (staff user id)' }) id: string;
}

export { DeletedDto } from '../../http/deleted.dto';

/** Fields every section's answers share. */
export const SEASON_DOC = { description: 'Season the item belongs to, e.g. "SS", "FW", "spring"', example: 'FW' };
