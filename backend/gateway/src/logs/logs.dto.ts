import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import {
  LOG_LEVELS,
  LogEntry,
  LogLevelName,
  LogPage,
  LogQuery,
  SERVICE_NAMES,
  ServiceName,
} from '@shop/contracts';
import { QueryNumber } from '../http/query-number';

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Filters shared by the query and the live stream. */
export class LogFilterDto {
  @ApiPropertyOptional({ enum: SERVICE_NAMES, description: 'Only this service' })
  @IsOptional()
  @IsIn(SERVICE_NAMES, { message: `service must be one of: ${SERVICE_NAMES.join(', ')}` })
  service?: ServiceName;

  @ApiPropertyOptional({ example: 'inventory-2', description: 'Only this instance' })
  @IsOptional()
  @Matches(TOKEN, { message: 'instanceId must be letters, digits, "_" or "-" (at most 64)' })
  instanceId?: string;

  @ApiPropertyOptional({ enum: LOG_LEVELS, description: 'Minimum level: warn gives warnings and errors' })
  @IsOptional()
  @IsIn(LOG_LEVELS, { message: `level must be one of: ${LOG_LEVELS.join(', ')}` })
  level?: LogLevelName;

  @ApiPropertyOptional({ description: 'Only records of this request (X-Correlation-Id)' })
  @IsOptional()
  @Matches(CORRELATION_ID, {
    message: 'correlationId must be 1-128 characters of letters, digits, ".", "_", ":" or "-"',
  })
  correlationId?: string;

  @ApiPropertyOptional({ description: 'Case-insensitive text in message, context, instance id or data' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class LogQueryDto extends LogFilterDto implements LogQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 1000,
    default: 200,
    description: 'Newest entries first, at most this many',
  })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'limit must be an integer' })
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({
    example: '1042-3',
    description: "Paging: only entries older than this entry id (the previous page's nextBefore)",
  })
  @IsOptional()
  @Matches(/^\d{1,15}-\d{1,6}$/, {
    message: 'before must be an entry id like 1042-3 (a previous nextBefore)',
  })
  before?: string;
}

export class LogStreamQueryDto extends LogFilterDto {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 1000,
    default: 0,
    description: 'Also send entries of the last N stream messages first',
  })
  @IsOptional()
  @QueryNumber()
  @IsInt({ message: 'backfill must be an integer' })
  @Min(0)
  @Max(1000)
  backfill?: number;

  /** The access token of EventSource clients (read by the JWT strategy; documented by @EventStream). */
  @IsOptional()
  @IsString()
  access_token?: string;
}

export class LogEntryDto implements LogEntry {
  @ApiProperty({
    example: '1042-3',
    description: '<stream sequence>-<index in batch>; unique, for de-duplication',
  })
  id!: string;
  @ApiProperty() seq!: number;
  @ApiProperty({ example: '2026-01-01T12:00:00.000Z' }) time!: string;
  @ApiProperty({ enum: LOG_LEVELS }) level!: LogLevelName;
  @ApiProperty({ enum: SERVICE_NAMES }) service!: ServiceName;
  @ApiProperty({ example: 'orders-1' }) instanceId!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() correlationId?: string;
  @ApiPropertyOptional({ example: 'HTTP' }) context?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) data?: Record<string, unknown>;
}

export class LogPageDto implements LogPage {
  @ApiProperty({ type: [LogEntryDto], description: 'Newest first' }) entries!: LogEntryDto[];
  @ApiPropertyOptional({
    example: '1042-3',
    description: 'Entry id to pass as `before` for older entries; absent at the beginning of the log',
  })
  nextBefore?: string;
  @ApiProperty({ description: 'Stream messages read to answer' }) scannedMessages!: number;
  @ApiProperty() firstSeq!: number;
  @ApiProperty() lastSeq!: number;
}
