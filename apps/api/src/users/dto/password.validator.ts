import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { passwordProblem } from '@app/domain/password-policy';

/**
 * The password policy (libs/domain/src/password-policy.ts) as a field rule:
 * length, bytes and the common-password list; and, when the DTO carries the
 * account's username in `usernameField`, not the username. Where the username
 * is not in the body (a reset, one's own change) the service checks it.
 */
export function IsAcceptablePassword(usernameField?: string, options?: ValidationOptions): PropertyDecorator {
  const problemOf = (args: ValidationArguments) => {
    const username = usernameField ? (args.object as Record<string, unknown>)[usernameField] : undefined;
    return passwordProblem(args.value, typeof username === 'string' ? username : undefined);
  };
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args: ValidationArguments) => `${args.property} ${problemOf(args) ?? 'is not acceptable'}`, ...options },
      validator: { validate: (_: unknown, args?: ValidationArguments) => args !== undefined && problemOf(args) === undefined },
    });
}
