import { ClusterConfig, defaultClusterConfig } from '@shop/contracts';
import { AppError } from '@shop/common';
import { applyConfigCommand } from './apply-config-command';

describe('applyConfigCommand', () => {
  const now = new Date('2026-03-01T12:00:00.000Z');
  let config: ClusterConfig;
  beforeEach(() => (config = defaultClusterConfig()));

  it('disables an instance once, and enables it again', () => {
    expect(applyConfigCommand(config, { action: 'disable', instanceId: 'inv-1' }, 'admin')).toBe(
      'disabled instance inv-1',
    );
    applyConfigCommand(config, { action: 'disable', instanceId: 'inv-1' }, 'admin');
    expect(config.disabledInstances).toEqual(['inv-1']);
    expect(applyConfigCommand(config, { action: 'enable', instanceId: 'inv-1' }, 'admin')).toBe(
      'enabled instance inv-1',
    );
    expect(config.disabledInstances).toEqual([]);
  });

  it('sets the default algorithm, or one service’s', () => {
    applyConfigCommand(config, { action: 'set-algorithm', algorithm: 'least-connections' }, 'admin');
    expect(
      applyConfigCommand(
        config,
        { action: 'set-algorithm', service: 'orders', algorithm: 'random' },
        'admin',
      ),
    ).toBe('balancing orders → random');
    expect(config.balancing.algorithm).toBe('least-connections');
    expect(config.balancing.perService).toEqual({ orders: 'random' });
  });

  it('sets an instance weight', () => {
    applyConfigCommand(config, { action: 'set-weight', instanceId: 'inv-2', weight: 3 }, 'admin');
    expect(config.balancing.weights).toEqual({ 'inv-2': 3 });
  });

  it('records an injected fault with who made it and when, and clears it by id', () => {
    const summary = applyConfigCommand(
      config,
      { action: 'inject-fault', service: 'inventory', instanceId: 'inv-1', latencyMs: 200, errorRate: 0.5 },
      'admin@shop.local',
      now,
    );
    const [fault] = config.faults;
    expect(fault).toMatchObject({
      service: 'inventory',
      instanceId: 'inv-1',
      latencyMs: 200,
      errorRate: 0.5,
      createdAt: now.toISOString(),
      createdBy: 'admin@shop.local',
    });
    expect(summary).toBe(`fault ${fault.id} on inv-1: +200ms, 50% errors`);
    expect(applyConfigCommand(config, { action: 'clear-fault', faultId: fault.id }, 'admin')).toBe(
      `cleared fault ${fault.id}`,
    );
    expect(config.faults).toEqual([]);
  });

  it('refuses a fault that does nothing, and clearing an unknown fault', () => {
    expect(() => applyConfigCommand(config, { action: 'inject-fault', service: 'cart' }, 'admin')).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST' }),
    );
    const err = (() => {
      try {
        applyConfigCommand(config, { action: 'clear-fault', faultId: 'nope' }, 'admin');
      } catch (e) {
        return e as AppError;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: 'No fault with id "nope"' });
  });

  it('clears all faults, or only one service’s', () => {
    applyConfigCommand(config, { action: 'inject-fault', service: 'cart', hang: true }, 'admin', now);
    applyConfigCommand(config, { action: 'inject-fault', service: 'orders', crash: true }, 'admin', now);
    applyConfigCommand(config, { action: 'clear-faults', service: 'cart' }, 'admin');
    expect(config.faults.map((f) => f.service)).toEqual(['orders']);
    expect(applyConfigCommand(config, { action: 'clear-faults' }, 'admin')).toBe('cleared faults');
    expect(config.faults).toEqual([]);
  });

  it('sets consistency and priority weights', () => {
    applyConfigCommand(config, { action: 'set-consistency', consistency: 'eventual' }, 'admin');
    expect(
      applyConfigCommand(
        config,
        { action: 'set-priority', vipWeight: 5, normalWeight: 2, strict: true },
        'admin',
      ),
    ).toBe('priority VIP:normal → 5:2 (strict)');
    expect(config.consistency).toBe('eventual');
    expect(config.priority).toEqual({ vipWeight: 5, normalWeight: 2, strict: true });
  });

  it('switches the payment provider outage on and off', () => {
    expect(
      applyConfigCommand(config, { action: 'set-payment-outage', paymentOutage: 'timeout' }, 'admin'),
    ).toBe('payment provider outage: every authorization times out');
    expect(config.paymentOutage).toBe('timeout');
    expect(applyConfigCommand(config, { action: 'set-payment-outage', paymentOutage: 'none' }, 'admin')).toBe(
      'payment provider repaired (no outage)',
    );
    expect(config.paymentOutage).toBe('none');
  });
});
