import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

export class WithdrawAttachmentDto {
  @ApiProperty({ example: '照片拍错项目，撤回', description: '撤回原因' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'reason must not be blank' })
  @MaxLength(1000)
  reason: string;
}
