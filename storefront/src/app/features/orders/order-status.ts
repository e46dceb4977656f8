import type { OrderStatus } from '@shop/contracts';

/** How each order status is shown to the shopper. */
export const ORDER_STATUS_VIEW: Record<OrderStatus, { label: string; tone: 'info' | 'ok' | 'warn' | 'bad' }> =
  {
    PLACED: { label: 'Placing', tone: 'info' },
    PENDING: { label: 'Confirmed · in queue', tone: 'info' },
    PROCESSING: { label: 'Processing', tone: 'warn' },
    COMPLETED: { label: 'Completed', tone: 'ok' },
    FAILED: { label: 'Failed', tone: 'bad' },
  };

/** The happy path, in order, for the progress bar of an order. */
export const ORDER_PROGRESS: readonly OrderStatus[] = ['PLACED', 'PENDING', 'PROCESSING', 'COMPLETED'];

export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '–';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'medium' });
}
