import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CLIENT_APP_NAMES,
  CLIENT_LOG_LIMITS,
  ClientAppName,
  ClientLogReceipt,
  ClientLogRecord,
  ClientLogReport,
  LOG_LEVELS,
  LOG_SOURCES,
  LogEntry,
  LogLevelName,
  LogPage,
  LogQuery,
  LogSource,
} from '@shop/contracts';
import { QueryNumber } from '../http/query-number';

const TOKEN = /^[A-Za-z0-9_-]{1,64}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Filters shared by the query and the live stream. */
export class LogFilterDto {
  @ApiPropertyOptional({ enum: LOG_SOURCES, description: 'Only this service (or web app)' })
  @IsOptional()
  @IsIn(LOG_SOURCES, { message: `service must be one of: ${LOG_SOURCES.join(', ')}` })
  service?: LogSource;

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

  @ApiPropertyOptional({
    description:
      'Words in message, context or instance id, case-insensitive (web-search syntax: "a phrase", -word, or)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class LogQueryDto extends LogFilterDto implements LogQuery {
  @ApiPropertyOptional({
    example: '2026-01-01T12:00:00Z',
    description: 'Only records at or after this time (ISO 8601)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO date-time such as 2026-01-01T12:00:00Z' })
  from?: string;

  @ApiPropertyOptional({
    example: '2026-01-01T13:00:00Z',
    description: 'Only records before this time (ISO 8601)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO date-time such as 2026-01-01T13:00:00Z' })
  to?: string;

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
  @ApiProperty({ enum: LOG_SOURCES }) service!: LogSource;
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
  @ApiProperty({ description: 'Stream sequence of the oldest record the log store holds (0: empty)' })
  firstSeq!: number;
  @ApiProperty({ description: 'Stream sequence of the newest record the log store holds (0: empty)' })
  lastSeq!: number;
}

export class ClientLogRecordDto implements ClientLogRecord {
  @ApiProperty({ enum: ['warn', 'error'] })
  @IsIn(['warn', 'error'], { message: 'level must be one of: warn, error' })
  level!: 'warn' | 'error';

  @ApiProperty({ maxLength: CLIENT_LOG_LIMITS.maxMessageLength })
  @IsString({ message: 'message must be a string' })
  @MinLength(1, { message: 'message must not be empty' })
  @MaxLength(CLIENT_LOG_LIMITS.maxMessageLength)
  message!: string;

  @ApiPropertyOptional({ example: '2026-01-01T12:00:00.000Z', description: 'When it happened (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'time must be an ISO date-time' })
  time?: string;

  @ApiPropertyOptional({ maxLength: CLIENT_LOG_LIMITS.maxStackLength })
  @IsOptional()
  @IsString()
  @MaxLength(CLIENT_LOG_LIMITS.maxStackLength)
  stack?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(CORRELATION_ID, {
    message: 'correlationId must be 1-128 characters of letters, digits, ".", "_", ":" or "-"',
  })
  correlationId?: string;
}

export class ClientLogReportDto implements ClientLogReport {
  @ApiProperty({ enum: CLIENT_APP_NAMES })
  @IsIn(CLIENT_APP_NAMES, { message: `app must be one of: ${CLIENT_APP_NAMES.join(', ')}` })
  app!: ClientAppName;

  @ApiProperty({ type: [ClientLogRecordDto], minItems: 1, maxItems: CLIENT_LOG_LIMITS.maxRecords })
  @IsArray({ message: 'records must be an array' })
  @ArrayMinSize(1, { message: 'records must hold at least one record' })
  @ArrayMaxSize(CLIENT_LOG_LIMITS.maxRecords, {
    message: `records must hold at most ${CLIENT_LOG_LIMITS.maxRecords} records`,
  })
  @IsObject({ each: true, message: 'each of records must be an object' })
  @ValidateNested({ each: true })
  @Type(() => ClientLogRecordDto)
  records!: ClientLogRecordDto[];
}

export class ClientLogReceiptDto implements ClientLogReceipt {
  @ApiProperty() accepted!: number;
}
