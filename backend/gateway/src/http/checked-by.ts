import { registerDecorator } from 'class-validator';

/** A checker of libs/contracts/src/limits.ts: what is wrong with a value, or undefined when it is fine. */
export type ProblemChecker = (value: unknown, field: string) => string | undefined;

/**
 * Validates a DTO property with a checker from the contracts, so the gateway refuses exactly what the services
 * would refuse, with the checker's message (which names the field, e.g. `items.3.quantity`).
 */
export function CheckedBy(problem: ProblemChecker): PropertyDecorator {
  return (target, property) => {
    const field = String(property);
    registerDecorator({
      name: 'checkedBy',
      target: target.constructor,
      propertyName: field,
      validator: {
        validate: (value) => problem(value, field) === undefined,
        defaultMessage: (args) => problem(args?.value, field) ?? `${field} is not valid`,
      },
    });
  };
}
