import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ReceivedMailDto as ReceivedMail } from '@shop/contracts';
import { QueryNumber } from '../http/query-number';

export class ListMailQueryDto {
  @ApiPropertyOptional({ format: 'email', description: 'Only mail to this address' })
  @IsOptional()
  @IsEmail()
  to?: string;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @QueryNumber()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ReceivedMailDto implements ReceivedMail {
  @ApiProperty() id!: string;
  @ApiProperty() from!: string;
  @ApiProperty({ type: [String] }) to!: string[];
  @ApiProperty() subject!: string;
  @ApiProperty() text!: string;
  @ApiProperty() receivedAt!: string;
}

export class DomainEventDto {
  @ApiProperty({ description: 'Outbox row id (JetStream message id)' }) id!: string;
  @ApiProperty({ example: 'ORDER_CONFIRMED' }) type!: string;
  @ApiProperty({ example: 'orders' }) source!: string;
  @ApiProperty() occurredAt!: string;
  @ApiProperty({ type: Object }) payload!: Record<string, unknown>;
}
