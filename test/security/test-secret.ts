/**
 * Imported FIRST by the security tests (before anything loads the AppModule, whose ConfigModule reads the
 * environment when it is imported): a known token key, so forged-tokens.ts can sign tokens like the API does.
 */
export const TEST_JWT_SECRET = 'security-tests-only-0123456789abcdef0123456789';
process.env.AUTH_JWT_SECRET = TEST_JWT_SECRET;
