/** A seed refused its input (a setting, or the catalogue data): the message says what to change. */
export class SeedInputError extends Error {
  override name = 'SeedInputError';
}
