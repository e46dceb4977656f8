/** The helper lives in @shop/common so the auth service (signs) and the gateway (verifies) share it. */
export { jwtSecret } from '@shop/common';
