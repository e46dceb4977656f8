import { ValidationOptions, registerDecorator } from 'class-validator';
import { describePasswordProblems } from '@shop/contracts';

/** The shared password policy as a class-validator rule; the message names every unmet rule. */
export function IsPasswordPolicy(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isPasswordPolicy',
      target: target.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && !describePasswordProblems(value),
        defaultMessage: (args) =>
          typeof args?.value === 'string'
            ? (describePasswordProblems(args.value) ?? 'password is invalid')
            : 'password must be a string',
      },
    });
}
