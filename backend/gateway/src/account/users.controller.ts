import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthRpc, UserDto, UserPage } from '@shop/contracts';
import { AppError, RequestContext } from '@shop/common';
import { RpcClient } from '@shop/messaging';
import { Auth } from '../auth/auth.guards';
import { Ctx } from '../http/request-context.decorator';
import { ListUsersQueryDto, SetTierDto, UserPageDto, UserResponseDto } from './account.dto';
import { ApiAuthErrors, ApiErrors } from './api-errors';

const userIdPipe = new ParseUUIDPipe({ exceptionFactory: () => AppError.badRequest('id must be a UUID') });

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Auth('admin')
  @ApiOperation({ summary: 'Users, oldest first, paginated; filter by email part, role or tier (admin)' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiAuthErrors(ApiErrors.badRequest())
  list(@Query() query: ListUsersQueryDto, @Ctx() ctx: RequestContext): Promise<UserPage> {
    return this.rpc.call(AuthRpc.listUsers, { ...query }, ctx);
  }

  @Patch(':id/tier')
  @Auth('admin')
  @ApiOperation({ summary: "Change a user's tier (admin); the user's sessions see it at once" })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiAuthErrors(ApiErrors.badRequest(), ApiErrors.notFound('No user with this id'))
  setTier(
    @Param('id', userIdPipe) id: string,
    @Body() body: SetTierDto,
    @Ctx() ctx: RequestContext,
  ): Promise<UserDto> {
    return this.rpc.call(AuthRpc.setTier, { userId: id, tier: body.tier }, ctx);
  }
}
