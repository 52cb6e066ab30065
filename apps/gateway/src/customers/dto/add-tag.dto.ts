import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { TAG_PATTERN } from '../../http/param.pipes';

export class AddTagDto {
  @ApiProperty({ example: 'vip', maxLength: 64, description: '1-64 characters without "/"' })
  @IsString()
  @Matches(TAG_PATTERN, { message: 'tag must be 1-64 characters without "/"' })
  tag: string;
}
