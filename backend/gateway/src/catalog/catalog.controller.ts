import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import { InventoryRpc } from '@shop/contracts';
import { RequestContext } from '@shop/common';
import { JsonRelay, RelaysJson } from '../http/json-relay';
import { Ctx } from '../http/request-context.decorator';
import { ApiErrorDto } from '../services/services.dto';
import { CategoryDtoSchema, ListProductsQuery, ProductPageDto, ProductResultDto } from './catalog.dto';

/** Anonymous catalogue browsing: no token needed. */
@ApiTags('catalog')
@ApiServiceUnavailableResponse({ type: ApiErrorDto, description: 'No inventory instance answered' })
@Controller()
export class CatalogController {
  constructor(private readonly relay: JsonRelay) {}

  @Get('products')
  @ApiOperation({
    summary: 'Browse products: category filter, full-text search, sort, pagination',
    description: '`servedBy` tells which instance answered and from where (cache, primary or replica).',
  })
  @ApiOkResponse({ type: ProductPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto })
  @RelaysJson()
  async listProducts(@Query() query: ListProductsQuery, @Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(InventoryRpc.listProducts, { ...query }, ctx);
  }

  @Get('products/:id')
  @ApiOperation({ summary: 'One product with its live stock figures' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProductResultDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @RelaysJson()
  async getProduct(@Param('id') id: string, @Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(InventoryRpc.getProduct, { id }, ctx);
  }

  @Get('categories')
  @ApiOperation({ summary: 'Categories with their product counts' })
  @ApiOkResponse({ type: [CategoryDtoSchema] })
  @RelaysJson()
  async listCategories(@Ctx() ctx: RequestContext): Promise<unknown> {
    return this.relay.answer(InventoryRpc.listCategories, {}, ctx);
  }
}
