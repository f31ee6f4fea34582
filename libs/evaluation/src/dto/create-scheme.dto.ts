import { ApiProperty } from '@nestjs/swagger';
import { IsObject, Matches } from 'class-validator';
import type { SchemeDefinition } from '../evaluation-scheme';

/** A new scheme version; the definition is checked as a whole by schemeProblems (docs/evaluation.md). */
export class CreateSchemeDto {
  @ApiProperty({ example: 'city2027', description: 'lower-case letters, digits, _ and -' })
  @Matches(/^[a-z0-9][a-z0-9_-]{0,39}$/, { message: 'key must be lower-case letters, digits, _ or -' })
  key: string;

  @ApiProperty({ description: 'name, objects (indicators per object type) and grades' })
  @IsObject()
  definition: SchemeDefinition;
}
