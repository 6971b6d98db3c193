import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class SetCurrentVersionDto {
  @ApiProperty({ example: 2, description: 'The version number new projects are created from from now on' })
  @IsInt()
  @Min(1)
  number: number;
}
