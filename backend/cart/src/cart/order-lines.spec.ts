import { planGiveBack, planTake } from './order-lines';

const A = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11';
const B = 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a12';
const C = 'c0eebc99-9c0b-4ef8-bb6d-6bb9bd380a13';

describe('planTake', () => {
  it('takes exactly the ordered units and leaves what was added after the order read the cart', () => {
    const cart = new Map([
      [A, 3],
      [B, 1],
    ]);
    expect(
      planTake(cart, [
        { productId: A, quantity: 1 },
        { productId: B, quantity: 1 },
      ]),
    ).toEqual({
      taken: [
        { productId: A, quantity: 1 },
        { productId: B, quantity: 1 },
      ],
      left: [
        { productId: A, quantity: 2 },
        { productId: B, quantity: 0 },
      ],
    });
  });

  it('never takes more than a line holds, nor anything of a product the cart no longer has', () => {
    const cart = new Map([[A, 1]]);
    expect(
      planTake(cart, [
        { productId: A, quantity: 4 },
        { productId: C, quantity: 2 },
      ]),
    ).toEqual({
      taken: [{ productId: A, quantity: 1 }],
      left: [
        { productId: A, quantity: 0 },
        { productId: C, quantity: 0 },
      ],
    });
  });

  it('adds up a product named twice', () => {
    expect(
      planTake(new Map([[A, 5]]), [
        { productId: A, quantity: 1 },
        { productId: A, quantity: 2 },
      ]),
    ).toEqual({ taken: [{ productId: A, quantity: 3 }], left: [{ productId: A, quantity: 2 }] });
  });
});

describe('planGiveBack', () => {
  it('adds the units back to their lines, recreating a line that went, up to the line maximum', () => {
    expect(
      planGiveBack(
        new Map([
          [A, 1],
          [B, 98],
        ]),
        [
          { productId: A, quantity: 2 },
          { productId: B, quantity: 5 },
          { productId: C, quantity: 1 },
        ],
      ),
    ).toEqual([
      { productId: A, quantity: 3 },
      { productId: B, quantity: 99 },
      { productId: C, quantity: 1 },
    ]);
  });
});
