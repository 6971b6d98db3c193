import { registerDecorator, ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 10;
/** bcrypt reads only the first 72 bytes; a longer password would silently lose its tail. */
export const PASSWORD_MAX_BYTES = 72;

/** A password of at least 10 characters and at most 72 bytes in UTF-8 (a Chinese character is 3). */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `$property must be at least ${PASSWORD_MIN_LENGTH} characters and at most ${PASSWORD_MAX_BYTES} bytes`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && [...value].length >= PASSWORD_MIN_LENGTH && Buffer.byteLength(value, 'utf8') <= PASSWORD_MAX_BYTES,
      },
    });
}
