import { DataSource } from 'typeorm';
import { TestDatabase } from '@shop/testing';
import { PipelinedTransaction } from '../src/pipelined-transaction';

describe('PipelinedTransaction on PostgreSQL', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const rows = () => ds.query('SELECT id, qty FROM item ORDER BY id');

  beforeAll(async () => {
    db = await TestDatabase.create();
    // One connection, in pipeline mode as the services run it: every transaction below shares it.
    ds = new DataSource({ type: 'postgres', url: db.url, extra: { max: 1, pipeline: true } });
    await ds.initialize();
    await ds.query('CREATE TABLE item (id int PRIMARY KEY, qty int NOT NULL CHECK (qty >= 0))');
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  beforeEach(() => ds.query('TRUNCATE item'));

  it('commits a batch sent with BEGIN and COMMIT, the statements run in the order sent', async () => {
    const answers = await PipelinedTransaction.run(ds, (tx) =>
      tx.commit(
        ['INSERT INTO item (id, qty) VALUES ($1, 5)', [1]],
        ['UPDATE item SET qty = qty - 2 WHERE id = $1 RETURNING qty', [1]],
        ['UPDATE item SET qty = qty - 1 WHERE id = $1 RETURNING qty', [1]],
      ),
    );
    expect(answers.map((a) => [a.rowCount, a.rows])).toEqual([
      [1, []],
      [1, [{ qty: 3 }]],
      [1, [{ qty: 2 }]],
    ]);
    expect(await rows()).toEqual([{ id: 1, qty: 2 }]);
  });

  it('keeps nothing when a statement fails: the ones after it and the COMMIT fail with it', async () => {
    await expect(
      PipelinedTransaction.run(ds, (tx) =>
        tx.commit(
          ['INSERT INTO item (id, qty) VALUES (1, 1)'],
          ['UPDATE item SET qty = qty - 9 WHERE id = 1'],
          ['INSERT INTO item (id, qty) VALUES (2, 1)'],
        ),
      ),
    ).rejects.toThrow(/item_qty_check/);
    expect(await rows()).toEqual([]);

    // The connection went back to the pool in a usable state.
    await PipelinedTransaction.run(ds, (tx) => tx.commit(['INSERT INTO item (id, qty) VALUES (3, 1)']));
    expect(await rows()).toEqual([{ id: 3, qty: 1 }]);
  });

  it('decides between two batches: an answer of the first shapes the second, or a rollback keeps nothing', async () => {
    await ds.query('INSERT INTO item (id, qty) VALUES (1, 4)');
    const take = (id: number, qty: number) =>
      PipelinedTransaction.run(ds, async (tx) => {
        const [held] = await tx.send([
          'UPDATE item SET qty = qty - $2 WHERE id = $1 AND qty >= $2 RETURNING qty',
          [id, qty],
        ]);
        if (held.rowCount === 0) {
          await tx.rollback();
          return undefined;
        }
        await tx.commit(['INSERT INTO item (id, qty) VALUES ($1, $2)', [id * 100, held.rows[0].qty]]);
        return held.rows[0].qty;
      });

    expect(await take(1, 3)).toBe(1);
    expect(await take(1, 3)).toBeUndefined();
    expect(await rows()).toEqual([
      { id: 1, qty: 1 },
      { id: 100, qty: 1 },
    ]);
  });

  it('rolls back what the work left open when it throws', async () => {
    await expect(
      PipelinedTransaction.run(ds, async (tx) => {
        await tx.send(['INSERT INTO item (id, qty) VALUES (1, 1)']);
        throw new Error('changed its mind');
      }),
    ).rejects.toThrow('changed its mind');
    expect(await rows()).toEqual([]);
  });
});
