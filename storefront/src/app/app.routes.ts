import { Routes } from '@angular/router';
import { signedInGuard } from './core/auth/signed-in.guard';

/** Every page is lazy. Browsing needs no account; cart, checkout and orders ask the shopper to sign in. */
export const routes: Routes = [
  {
    path: '',
    pathMatch: 'full',
    title: 'Distributed Shop',
    loadComponent: () => import('./features/catalog/home-page').then((m) => m.HomePage),
  },
  {
    path: 'shop',
    title: 'Shop · Distributed Shop',
    loadComponent: () => import('./features/catalog/shop-page').then((m) => m.ShopPage),
  },
  {
    path: 'product/:id',
    title: 'Product · Distributed Shop',
    loadComponent: () => import('./features/catalog/product-page').then((m) => m.ProductPage),
  },
  {
    path: 'cart',
    title: 'Cart · Distributed Shop',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/cart/cart-page').then((m) => m.CartPage),
  },
  {
    path: 'checkout',
    title: 'Checkout · Distributed Shop',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/checkout/checkout-page').then((m) => m.CheckoutPage),
  },
  {
    path: 'orders',
    title: 'Orders · Distributed Shop',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/orders/orders-page').then((m) => m.OrdersPage),
  },
  {
    path: 'orders/:id',
    title: 'Order · Distributed Shop',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/orders/order-detail-page').then((m) => m.OrderDetailPage),
  },
  {
    path: 'account',
    title: 'Your account · Distributed Shop',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/account/account-page').then((m) => m.AccountPage),
  },
  {
    path: 'login',
    title: 'Sign in · Distributed Shop',
    loadComponent: () => import('./features/account/login-page').then((m) => m.LoginPage),
  },
  {
    path: 'register',
    title: 'Create an account · Distributed Shop',
    loadComponent: () => import('./features/account/register-page').then((m) => m.RegisterPage),
  },
  {
    path: '**',
    title: 'Not found · Distributed Shop',
    loadComponent: () => import('./core/not-found-page').then((m) => m.NotFoundPage),
  },
];
