import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { PROJECT_KINDS, ProjectKind } from '@app/domain';
import { CreateNodeTemplateVersionDto } from './create-node-template-version.dto';

/** A template of the office's own, with its first version. */
export class CreateNodeTemplateDto extends CreateNodeTemplateVersionDto {
  @ApiProperty({ example: 'substation_110kv' })
  @IsString()
  @Matches(/^[a-z0-9_-]{1,64}$/, { message: 'code must be 1–64 lower-case letters, digits, _ or -' })
  code: string;

  @ApiProperty({ example: '110 千伏变电站标准节点' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: PROJECT_KINDS, example: 'substation' })
  @IsIn(PROJECT_KINDS)
  kind: ProjectKind;
}
