import type { UserRole, UserTier } from './auth-claims';

/** One account the auth service creates on first start (idempotently); printed by `npm start`. */
export interface DemoAccount {
  readonly email: string;
  readonly password: string;
  readonly role: UserRole;
  readonly tier: UserTier;
  /** What the account is for, in a few words (shown beside it when printed). */
  readonly label: string;
}

/** The demo accounts: one admin, one VIP shopper, one normal shopper. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@shop.local', password: 'Admin123!', role: 'admin', tier: 'normal', label: 'admin' },
  { email: 'vip@shop.local', password: 'Vip12345!', role: 'customer', tier: 'vip', label: 'VIP shopper' },
  {
    email: 'shopper@shop.local',
    password: 'Shopper123!',
    role: 'customer',
    tier: 'normal',
    label: 'shopper',
  },
];
