import { ApiProperty } from '@nestjs/swagger';
import { ATTRIBUTE_TYPES, type AttributeType } from '@app/contracts';

export class AttributeDefinitionDto {
  @ApiProperty({ example: 'shoeSize' }) key: string;
  @ApiProperty({ example: 'Shoe size' }) label: string;
  @ApiProperty({ enum: ATTRIBUTE_TYPES }) type: AttributeType;
  @ApiProperty({ type: [String], nullable: true }) options: string[] | null;
  @ApiProperty() required: boolean;
  @ApiProperty() order: number;
  @ApiProperty() showInProfile: boolean;
}
