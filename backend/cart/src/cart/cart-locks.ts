import { EntityManager, In } from 'typeorm';
import { CartItem } from './cart-item.entity';
import { Cart } from './cart.entity';

/**
 * Creates the users' carts if needed (unless `create` is false) and locks their rows until the transaction ends, in user-id order (so
 * transactions locking several carts never wait for each other in a cycle). Every change of a cart takes
 * this lock, so changes of one cart are serialized whichever instance handles them.
 */
export async function lockCarts(
  em: EntityManager,
  userIds: readonly string[],
  { create = true } = {},
): Promise<Map<string, Cart>> {
  const users = [...new Set(userIds)].sort();
  if (users.length === 0) return new Map();
  if (create)
    await em
      .createQueryBuilder()
      .insert()
      .into(Cart)
      .values(users.map((userId) => ({ userId })))
      .orIgnore()
      .execute();
  const carts = await em
    .getRepository(Cart)
    .createQueryBuilder('c')
    .where('c.userId IN (:...users)', { users })
    .orderBy('c.userId')
    .setLock('pessimistic_write')
    .getMany();
  return new Map(carts.map((c) => [c.userId, c]));
}

/** `lockCarts` for one user; resolves with the cart's id. */
export async function lockCart(em: EntityManager, userId: string): Promise<string> {
  return (await lockCarts(em, [userId])).get(userId)!.id;
}

/** The items of the carts, per cart id, in the order they were added. */
export async function itemsOfCarts(
  em: EntityManager,
  cartIds: readonly string[],
): Promise<Map<string, CartItem[]>> {
  const items =
    cartIds.length === 0
      ? []
      : await em.getRepository(CartItem).find({
          where: { cartId: In([...cartIds]) },
          order: { createdAt: 'ASC', productId: 'ASC' },
        });
  const byCart = new Map<string, CartItem[]>(cartIds.map((id) => [id, []]));
  for (const item of items) byCart.get(item.cartId)!.push(item);
  return byCart;
}
