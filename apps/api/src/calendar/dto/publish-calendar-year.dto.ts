import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString } from 'class-validator';

/** A year's official schedule as the State Council publishes it. */
export class PublishCalendarYearDto {
  @ApiProperty({ type: [String], example: ['2027-01-01', '2027-02-06', '2027-02-07'], description: 'Days off (放假), YYYY-MM-DD, all in the year' })
  @IsArray()
  @ArrayMaxSize(366)
  @IsString({ each: true })
  holidays: string[];

  @ApiProperty({ type: [String], example: ['2027-02-14'], description: '调休: weekend days that are working days (上班), YYYY-MM-DD, all in the year' })
  @IsArray()
  @ArrayMaxSize(120)
  @IsString({ each: true })
  workdays: string[];
}
