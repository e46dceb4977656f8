import { Routes } from '@angular/router';
import { adminGuard } from './core/auth/admin.guard';

/** Every page is lazy; everything except the login page needs an admin session. */
export const routes: Routes = [
  {
    path: 'login',
    title: 'Sign in · Shop Admin',
    loadComponent: () => import('./core/auth/login-page').then((m) => m.LoginPage),
  },
  {
    path: '',
    canActivateChild: [adminGuard],
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'services' },
      {
        path: 'services',
        title: 'Service Monitor · Shop Admin',
        loadComponent: () =>
          import('./features/services/service-monitor-page').then((m) => m.ServiceMonitorPage),
      },
      {
        path: 'controls',
        title: 'System Controls · Shop Admin',
        loadComponent: () =>
          import('./features/controls/system-controls-page').then((m) => m.SystemControlsPage),
      },
      {
        path: 'orders',
        title: 'Order Interface · Shop Admin',
        loadComponent: () => import('./features/orders/orders-page').then((m) => m.OrdersPage),
      },
      {
        path: 'orders/:id',
        title: 'Order · Shop Admin',
        loadComponent: () => import('./features/orders/order-detail-page').then((m) => m.OrderDetailPage),
      },
      {
        path: 'inventory',
        title: 'Inventory Control · Shop Admin',
        loadComponent: () => import('./features/inventory/inventory-page').then((m) => m.InventoryPage),
      },
      {
        path: 'logs',
        title: 'Server Logs · Shop Admin',
        loadComponent: () => import('./features/logs/logs-page').then((m) => m.LogsPage),
      },
      {
        path: 'mail',
        title: 'Mail · Shop Admin',
        loadComponent: () => import('./features/mail/mail-page').then((m) => m.MailPage),
      },
      {
        path: 'users',
        title: 'Users · Shop Admin',
        loadComponent: () => import('./features/users/users-page').then((m) => m.UsersPage),
      },
    ],
  },
  { path: '**', redirectTo: 'services' },
];
