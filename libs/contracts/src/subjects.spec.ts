import { Subjects, assertSubjectToken, streamName, subject } from './subjects';

describe('subjects', () => {
  it('builds every subject under the prefix', () => {
    expect(Subjects.rpc('shop', 'inventory', 'getProduct')).toBe('shop.rpc.inventory.getProduct');
    expect(Subjects.rpcAll('shop', 'inventory')).toBe('shop.rpc.inventory.*');
    expect(Subjects.instance('t_1', 'inventory-2', 'inventory', 'echo')).toBe(
      't_1.inst.inventory-2.inventory.echo',
    );
    expect(Subjects.instanceAll('t_1', 'inventory-2', 'inventory')).toBe('t_1.inst.inventory-2.inventory.*');
    expect(Subjects.heartbeat('shop', 'cart', 'cart-1')).toBe('shop.registry.heartbeat.cart.cart-1');
    expect(Subjects.leave('shop', 'cart', 'cart-1')).toBe('shop.registry.leave.cart.cart-1');
    expect(Subjects.registryAll('shop')).toBe('shop.registry.>');
    expect(Subjects.heartbeatsOf('shop', 'cart-1')).toBe('shop.registry.heartbeat.*.cart-1');
    expect(() => Subjects.heartbeatsOf('shop', 'cart.1')).toThrow(/instance id/);
    expect(Subjects.broadcast('shop', 'session-revoked')).toBe('shop.bcast.session-revoked');
    expect(Subjects.event('shop', 'OrderPlaced')).toBe('shop.evt.OrderPlaced');
    expect(Subjects.logs('shop', 'orders')).toBe('shop.logs.orders');
    expect(Subjects.supervisor('shop', 'scale')).toBe('shop.supervisor.scale');
  });

  it.each(['', 'a.b', 'a b', '*', '>', 'ü', 'x\n'])('refuses the token %j', (token) => {
    expect(() => assertSubjectToken(token, 'instance id')).toThrow(/Invalid instance id/);
  });

  it('accepts letters, digits, "_" and "-"', () => {
    expect(assertSubjectToken('Inventory_2-a')).toBe('Inventory_2-a');
  });

  it('refuses a subject with a bad token anywhere, including the prefix', () => {
    expect(() => subject('shop', 'rpc', 'inv.entory')).toThrow(/inv\.entory/);
    expect(() => Subjects.rpc('my.prefix', 'inventory', 'x')).toThrow(/my\.prefix/);
    expect(() => Subjects.instance('shop', 'inventory-*', 'inventory', 'x')).toThrow();
  });

  it('derives JetStream names without dots, upper-cased', () => {
    expect(streamName('t_ab12', 'config')).toBe('T_AB12_CONFIG');
    expect(() => streamName('a.b', 'config')).toThrow();
  });
});
