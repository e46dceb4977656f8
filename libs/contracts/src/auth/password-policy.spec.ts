import { DEMO_ACCOUNTS } from './demo-accounts';
import { describePasswordProblems, passwordProblems } from './password-policy';

describe('password policy', () => {
  it('accepts the demo passwords and a typical strong one', () => {
    for (const { password } of DEMO_ACCOUNTS) expect(passwordProblems(password)).toEqual([]);
    expect(describePasswordProblems('Secret123')).toBeUndefined();
  });

  it('names every missing rule', () => {
    expect(describePasswordProblems('short')).toBe(
      'password must contain at least 8 characters, an uppercase letter, a digit',
    );
    expect(passwordProblems('ALLUPPERCASE1')).toEqual(['a lowercase letter']);
    expect(passwordProblems('')).toEqual([
      'at least 8 characters',
      'a lowercase letter',
      'an uppercase letter',
      'a digit',
    ]);
  });

  it('refuses passwords bcrypt would truncate (over 72 bytes, counting multi-byte characters)', () => {
    expect(passwordProblems(`Aa1${'x'.repeat(69)}`)).toEqual([]);
    expect(passwordProblems(`Aa1${'x'.repeat(70)}`)).toEqual(['at most 72 bytes']);
    expect(passwordProblems(`Aa1${'é'.repeat(35)}`)).toEqual(['at most 72 bytes']);
  });
});
