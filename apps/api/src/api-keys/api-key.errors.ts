/** Error codes of the API-keys feature. */
export const ApiKeyErrors = {
  /** No API key with this id (404). */
  NOT_FOUND: 'API_KEY_NOT_FOUND',
} as const;
