import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import {
  ListUsersRequest,
  MAX_TEST_SHOPPERS,
  TestShoppersRequest,
  UserChanged,
  UserDto,
  UserPage,
  UserRole,
  UserTier,
} from '@shop/contracts';
import { AppError, RequestContext, isUuid, optionalText, pageWindow } from '@shop/common';
import { BroadcastBus } from '@shop/messaging';
import { requireAdmin, requireUserId } from '../auth/caller';
import { hashPassword } from '../auth/passwords';
import { AuthEnv } from '../config/auth.env';
import { UserEntity } from './user.entity';
import { normalizeEmail, toUserDto } from './user.mapper';

const MAX_PAGE_SIZE = 100;
const ROLES: readonly UserRole[] = ['customer', 'admin'];
const TIERS: readonly UserTier[] = ['normal', 'vip'];
/** Not a bcrypt hash: no password ever matches it, so nobody can sign in as a test shopper. */
const NO_PASSWORD = '!test-shopper:no-password';
/** Test shoppers' addresses are generated under this domain. */
export const TEST_SHOPPER_DOMAIN = 'test-shoppers.shop.local';

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    private readonly config: ConfigService<AuthEnv, true>,
    private readonly broadcasts: BroadcastBus,
  ) {}

  findByEmail(email: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('u')
      .where('lower(u.email) = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  /** The signed-in caller's own account. */
  me(ctx: RequestContext): Promise<UserDto> {
    return this.get(ctx, requireUserId(ctx));
  }

  async get(_ctx: RequestContext, userId: string): Promise<UserDto> {
    const user = isUuid(userId) ? await this.users.findOneBy({ id: userId }) : null;
    if (!user) throw AppError.notFound(`User ${userId} does not exist`);
    return toUserDto(user);
  }

  /** A page of accounts, for admins. */
  async list(ctx: RequestContext, req: ListUsersRequest = {}): Promise<UserPage> {
    requireAdmin(ctx);
    const { page, pageSize, offset } = pageWindow(req, MAX_PAGE_SIZE);
    const q = optionalText('q', req.q, 254);
    if (req.role !== undefined && !ROLES.includes(req.role))
      throw AppError.badRequest(`role must be one of: ${ROLES.join(', ')}`);
    if (req.tier !== undefined && !TIERS.includes(req.tier))
      throw AppError.badRequest(`tier must be one of: ${TIERS.join(', ')}`);
    const qb = this.users.createQueryBuilder('u');
    if (q) qb.andWhere(`lower(u.email) LIKE :q ESCAPE '\\'`, { q: `%${escapeLike(q.toLowerCase())}%` });
    if (req.role) qb.andWhere('u.role = :role', { role: req.role });
    if (req.tier) qb.andWhere('u.tier = :tier', { tier: req.tier });
    const [rows, total] = await qb
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(toUserDto), page, pageSize, total };
  }

  /**
   * Changes a user's tier (admins only); every instance drops cached sessions of that user so the change
   * shows at once.
   */
  async setTier(ctx: RequestContext, userId: string, tier: UserTier): Promise<UserDto> {
    requireAdmin(ctx);
    if (!TIERS.includes(tier)) throw AppError.badRequest(`tier must be one of: ${TIERS.join(', ')}`);
    const user = isUuid(userId) ? await this.users.findOneBy({ id: userId }) : null;
    if (!user) throw AppError.notFound(`User ${userId} does not exist`);
    if (user.tier !== tier) {
      user.tier = tier;
      await this.users.save(user);
      this.broadcasts.publish(UserChanged, { userId }, ctx);
    }
    return toUserDto(user);
  }

  /**
   * The first `count` generated test shoppers of `tier` (oldest first), creating the missing ones (admins only).
   * They are flagged as test accounts and have no password. A transaction-scoped advisory lock per tier makes
   * concurrent calls share one pool instead of each creating its own.
   */
  async testShoppers(ctx: RequestContext, req: TestShoppersRequest): Promise<UserDto[]> {
    requireAdmin(ctx);
    if (!TIERS.includes(req?.tier)) throw AppError.badRequest(`tier must be one of: ${TIERS.join(', ')}`);
    const count = req.count;
    if (!Number.isInteger(count) || count < 1 || count > MAX_TEST_SHOPPERS)
      throw AppError.badRequest(`count must be an integer from 1 to ${MAX_TEST_SHOPPERS}`);
    return this.users.manager.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`auth.test-shoppers.${req.tier}`]);
      const pool = () =>
        m
          .getRepository(UserEntity)
          .createQueryBuilder('u')
          .where('u.isTest AND u.tier = :tier', { tier: req.tier })
          .orderBy('u.createdAt', 'ASC')
          .addOrderBy('u.id', 'ASC')
          .take(count)
          .getMany();
      const existing = await pool();
      const missing = count - existing.length;
      if (missing > 0) {
        await m.getRepository(UserEntity).insert(
          Array.from({ length: missing }, () => ({
            email: `test-${req.tier}-${randomBytes(5).toString('hex')}@${TEST_SHOPPER_DOMAIN}`,
            passwordHash: NO_PASSWORD,
            role: 'customer' as const,
            tier: req.tier,
            isTest: true,
          })),
        );
      }
      return (missing > 0 ? await pool() : existing).map(toUserDto);
    });
  }

  /**
   * Creates an account unless one with that email exists; never overwrites. Safe when several instances
   * run it at once (the unique index decides). Returns whether this call created it.
   */
  async ensureAccount(account: {
    email: string;
    password: string;
    role: UserEntity['role'];
    tier: UserEntity['tier'];
  }): Promise<boolean> {
    const email = normalizeEmail(account.email);
    if (await this.findByEmail(email)) return false;
    const passwordHash = await hashPassword(
      account.password,
      this.config.get('BCRYPT_COST', { infer: true }),
    );
    // Another instance may create it meanwhile: the unique index on lower(email) keeps the first row.
    const { raw } = await this.users
      .createQueryBuilder()
      .insert()
      .values({ email, passwordHash, role: account.role, tier: account.tier })
      .orIgnore()
      .returning(['id'])
      .execute();
    return (raw as unknown[]).length > 0;
  }
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
