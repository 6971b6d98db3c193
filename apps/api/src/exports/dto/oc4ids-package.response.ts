import { ApiProperty } from '@nestjs/swagger';

class Oc4idsPublisherDto {
  @ApiProperty({ example: '呼和浩特市玉泉区人民政府' })
  name: string;
}

/**
 * An OC4IDS 0.9.5 project package. Only the envelope is described here; every
 * project follows the standard's project schema (project-schema.json), see the
 * README's mapping table.
 */
export class Oc4idsPackageDto {
  @ApiProperty({ example: 'http://localhost:3000/api/v1/exports/oc4ids?column=8', format: 'uri' })
  uri: string;

  @ApiProperty({ type: Oc4idsPublisherDto })
  publisher: Oc4idsPublisherDto;

  @ApiProperty({ example: '2026-11-20T08:30:00.000Z', format: 'date-time', description: 'The last change of anything in the package' })
  publishedDate: string;

  @ApiProperty({ example: '0.9' })
  version: string;

  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'OC4IDS projects: id `<OC4IDS_PREFIX><uuid>`, title, status, type, sector, budget, period, parties, milestones, metrics …',
  })
  projects: Array<Record<string, unknown>>;
}
