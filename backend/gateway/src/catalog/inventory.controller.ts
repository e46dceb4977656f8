import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InventoryRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { RpcClient, ServiceRegistry } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { collectCacheStats } from './cache-stats';
import { CacheStatsDto, ListStockQuery, StockLevelDto, UpdateStockDto } from './catalog.dto';

/** Admin stock control and per-instance cache figures. */
@ApiTags('inventory')
@ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'No inventory instance answered' })
@Controller('inventory')
export class InventoryController {
  constructor(
    private readonly rpc: RpcClient,
    private readonly registry: ServiceRegistry,
  ) {}

  @Get()
  @Auth('admin')
  @ApiOperation({ summary: 'Stock levels of every product (on hand, reserved, available, version)' })
  @ApiOkResponse({ type: [StockLevelDto] })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  listStock(@Query() query: ListStockQuery, @Ctx() ctx: RequestContext): Promise<StockLevelDto[]> {
    return this.rpc.call(InventoryRpc.listStock, { lowOnly: query.lowOnly === 'true' }, ctx);
  }

  @Get('cache')
  @Auth('admin')
  @ApiOperation({ summary: 'Catalogue cache figures of every live inventory instance (asked one by one)' })
  @ApiOkResponse({ type: [CacheStatsDto] })
  cacheStats(@Ctx() ctx: RequestContext): Promise<CacheStatsDto[]> {
    return collectCacheStats(this.rpc, this.registry, ctx);
  }

  @Put(':productId')
  @Auth('admin')
  @ApiOperation({
    summary: 'Set on-hand stock (row lock + optimistic version)',
    description:
      'A stale expectedVersion gets 409 VERSION_CONFLICT with details.currentVersion. Falling below the ' +
      'low-stock threshold records a STOCK_LOW event and a reorder.',
  })
  @ApiParam({ name: 'productId', format: 'uuid' })
  @ApiOkResponse({ type: StockLevelDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'VERSION_CONFLICT: details.currentVersion' })
  updateStock(
    @Param('productId') productId: string,
    @Body() body: UpdateStockDto,
    @Ctx() ctx: RequestContext,
  ): Promise<StockLevelDto> {
    return this.rpc.call(InventoryRpc.updateStock, { productId, ...body }, ctx);
  }
}
