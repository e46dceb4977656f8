export { isUuid } from '@shop/contracts';
