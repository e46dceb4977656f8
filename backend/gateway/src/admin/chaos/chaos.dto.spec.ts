import { BadRequestException } from '@nestjs/common';
import { createValidationPipe } from '../../http/validation';
import { ChaosStartDto } from './chaos.dto';

/** The 400 message the validation pipe gives `body`, or undefined when it is accepted. */
async function refusal(body: unknown): Promise<string | undefined> {
  try {
    await createValidationPipe().transform(body, { type: 'body', metatype: ChaosStartDto });
    return undefined;
  } catch (err) {
    if (!(err instanceof BadRequestException)) throw err;
    return (err.getResponse() as { message: string[] }).message.join('; ');
  }
}

describe('ChaosStartDto', () => {
  it('accepts a duration alone, or with a seed and fault kinds (none too)', async () => {
    expect(await refusal({ durationSeconds: 10 })).toBeUndefined();
    expect(
      await refusal({ durationSeconds: 300, seed: 'run-18.b_2', faults: ['kill', 'errors'] }),
    ).toBeUndefined();
    expect(await refusal({ durationSeconds: 60, faults: [] })).toBeUndefined();
  });

  it.each([
    [{}, /durationSeconds must be a whole number of seconds/],
    [{ durationSeconds: 9 }, /durationSeconds must be at least 10/],
    [{ durationSeconds: 301 }, /durationSeconds must be at most 300/],
    [{ durationSeconds: 20.5 }, /durationSeconds must be a whole number/],
    [{ durationSeconds: 20, seed: '' }, /seed must be 1 to 64/],
    [{ durationSeconds: 20, seed: 'x'.repeat(65) }, /seed must be 1 to 64/],
    [{ durationSeconds: 20, seed: 'rm -rf' }, /seed must be 1 to 64 letters, digits/],
    [{ durationSeconds: 20, faults: 'kill' }, /faults must be a list of: kill, latency, errors/],
    [
      { durationSeconds: 20, faults: ['kill', 'postgres'] },
      /faults must be a list of: kill, latency, errors/,
    ],
    [{ durationSeconds: 20, faults: ['kill', 'kill'] }, /faults must not repeat a kind/],
    [{ durationSeconds: 20, instances: 3 }, /instances should not exist/],
  ])('refuses %j with a message naming the problem', async (body, message) => {
    expect(await refusal(body)).toMatch(message);
  });
});
