import {
  CircuitBreakerPolicy,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleAll,
  noJitterGenerator,
} from 'cockatiel';

export interface SmtpBreakerSettings {
  /** Consecutive failed sends that open the breaker. */
  threshold: number;
  /** First pause of an open breaker; it doubles after every failed probe, up to `maxCooldownMs`. */
  cooldownMs: number;
  maxCooldownMs: number;
}

export const SMTP_BREAKER_SETTINGS: SmtpBreakerSettings = {
  threshold: 3,
  cooldownMs: 2000,
  maxCooldownMs: 60_000,
};

/**
 * Stops hammering an SMTP server that is down (a cockatiel circuit breaker): after `threshold` consecutive
 * failed sends, sends fail fast with a BrokenCircuitError for a pause that doubles with every failed probe.
 * The events behind the failed sends are redelivered later by the durable consumer, so nothing is lost.
 */
export function smtpBreaker(
  settings: SmtpBreakerSettings,
  onChange: (state: 'open' | 'closed') => void,
): CircuitBreakerPolicy {
  const breaker = circuitBreaker(handleAll, {
    breaker: new ConsecutiveBreaker(settings.threshold),
    halfOpenAfter: new ExponentialBackoff({
      generator: noJitterGenerator,
      initialDelay: settings.cooldownMs,
      maxDelay: settings.maxCooldownMs,
    }),
  });
  breaker.onBreak(() => onChange('open'));
  breaker.onReset(() => onChange('closed'));
  return breaker;
}
