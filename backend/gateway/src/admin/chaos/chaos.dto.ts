import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  CHAOS_FAULT_KINDS,
  CHAOS_MAX_DURATION_S,
  CHAOS_MAX_SEED_LENGTH,
  CHAOS_MIN_DURATION_S,
  ChaosFaultKind,
  ChaosStartRequest,
  chaosSeedProblem,
} from '@shop/contracts';
import { CheckedBy } from '../../http/checked-by';

export class ChaosStartDto implements ChaosStartRequest {
  @ApiProperty({
    type: 'integer',
    minimum: CHAOS_MIN_DURATION_S,
    maximum: CHAOS_MAX_DURATION_S,
    example: 60,
    description: 'Seconds of shopper load; faults happen inside this time, then the run stops by itself',
  })
  @IsInt({ message: 'durationSeconds must be a whole number of seconds' })
  @Min(CHAOS_MIN_DURATION_S, { message: `durationSeconds must be at least ${CHAOS_MIN_DURATION_S}` })
  @Max(CHAOS_MAX_DURATION_S, { message: `durationSeconds must be at most ${CHAOS_MAX_DURATION_S}` })
  durationSeconds!: number;

  @ApiPropertyOptional({
    maxLength: CHAOS_MAX_SEED_LENGTH,
    example: '18',
    description: 'Seed of every random choice (fault schedule, shopper actions); random when absent',
  })
  @IsOptional()
  @CheckedBy(chaosSeedProblem)
  seed?: string;

  @ApiPropertyOptional({
    enum: CHAOS_FAULT_KINDS,
    isArray: true,
    description:
      'Fault kinds: instance kills (through the supervisor), latency and errors (through the cluster ' +
      'configuration). All of them when absent; none when empty.',
  })
  @IsOptional()
  @IsArray({ message: `faults must be a list of: ${CHAOS_FAULT_KINDS.join(', ')}` })
  @ArrayUnique({ message: 'faults must not repeat a kind' })
  @IsIn(CHAOS_FAULT_KINDS, {
    each: true,
    message: `faults must be a list of: ${CHAOS_FAULT_KINDS.join(', ')}`,
  })
  faults?: ChaosFaultKind[];
}
