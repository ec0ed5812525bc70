// Lint rules that protect the architecture, not just the style:
// - no floating promises (a lost rejection is a lost event),
// - no skipped or focused tests (a green run must mean every test ran),
// - libs are imported through their public index only (`@tandem/<lib>`), never by relative
//   paths into another lib or by `@tandem/<lib>/src/...`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import jest from 'eslint-plugin-jest';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'libs/contracts/src/gen/**', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tandem/*/*'], message: 'Import a lib through its public index: @tandem/<lib>.' },
            { group: ['@apps/*/*'], message: 'Import an app module through its public index: @apps/<app>.' },
            { group: ['**/libs/*', '**/libs/*/**'], message: 'Import a lib through its alias @tandem/<lib>, not a relative path.' },
            { group: ['../../*/src', '../../*/src/**'], message: 'Do not reach into another lib or app.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/no-disabled-tests': 'error',
      'jest/no-focused-tests': 'error',
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*', 'assert*'] }],
    },
  },
);
