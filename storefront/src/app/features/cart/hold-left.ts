/** "Held for you for 12:04" until the reservation lapses, then says that it did. */
export function holdLeft(
  reservedUntil: string | undefined,
  nowMs: number,
): { text: string; expired: boolean } {
  const until = reservedUntil ? Date.parse(reservedUntil) : NaN;
  if (!Number.isFinite(until)) return { text: '', expired: false };
  const left = Math.floor((until - nowMs) / 1000);
  if (left <= 0) return { text: 'Hold expired: the stock is no longer reserved for you', expired: true };
  const minutes = Math.floor(left / 60);
  const seconds = String(left % 60).padStart(2, '0');
  return { text: `Held for you for ${minutes}:${seconds}`, expired: false };
}
