/**
 * Imported FIRST by http-hardening.e2e-spec.ts, before the AppModule (whose ConfigModule reads the environment
 * when it is imported): a registry limit small enough to reach, two allowed browser origins, one trusted proxy.
 */
import './test-secret';

export const REGISTRY_LIMIT = 5;
export const ALLOWED_ORIGINS = ['https://portal.example.cn', 'https://regulator.example.cn:8443'];

process.env.REGISTRY_RATE_LIMIT = String(REGISTRY_LIMIT);
process.env.CORS_ORIGINS = ` ${ALLOWED_ORIGINS.join(' , ')} `;
process.env.TRUST_PROXY = '1';
