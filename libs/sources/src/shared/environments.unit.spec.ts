import { matchesEnvironment } from './environments';

describe('matchesEnvironment', () => {
  const patterns = ['production', 'prod', 'prod-*', 'live'];

  it.each([
    ['production', true],
    ['Production', true],
    [' prod ', true],
    ['prod-eu-west-1', true],
    ['prod-', true],
    ['preprod', false],
    ['production-canary', false],
    ['staging', false],
    ['prod.eu', false],
  ])('%j is production: %s', (environment, expected) => {
    expect(matchesEnvironment(environment, patterns)).toBe(expected);
  });

  it('treats regex characters in patterns literally', () => {
    expect(matchesEnvironment('prod.eu', ['prod.eu'])).toBe(true);
    expect(matchesEnvironment('prodXeu', ['prod.eu'])).toBe(false);
  });
});
