import { validateEnvironment } from '@app/config';

/** The environment variables of issue #9's hardening (libs/config/src/environment.ts). */
describe('hardening configuration', () => {
  it('defaults to a registry limit of 120 a minute, no CORS and no trusted proxy', () => {
    expect(validateEnvironment({})).toMatchObject({ REGISTRY_RATE_LIMIT: 120, TRUST_PROXY: 0 });
    expect(validateEnvironment({}).CORS_ORIGINS).toBeUndefined();
  });

  it('reads the values it is given', () => {
    expect(
      validateEnvironment({
        REGISTRY_RATE_LIMIT: '30',
        TRUST_PROXY: '2',
        CORS_ORIGINS: 'https://portal.example.cn, http://localhost:5173',
      }),
    ).toMatchObject({
      REGISTRY_RATE_LIMIT: 30,
      TRUST_PROXY: 2,
      CORS_ORIGINS: 'https://portal.example.cn, http://localhost:5173',
    });
    expect(validateEnvironment({ CORS_ORIGINS: '' })).toMatchObject({ CORS_ORIGINS: '' });
  });

  it.each([
    ['REGISTRY_RATE_LIMIT', '0'],
    ['REGISTRY_RATE_LIMIT', 'lots'],
    ['TRUST_PROXY', '-1'],
    ['TRUST_PROXY', 'true'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://portal.example.cn/app'],
    ['CORS_ORIGINS', 'portal.example.cn'],
  ])('stops start-up on %s=%p, naming it', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(`${name}=`));
  });
});
