// Lint rules for every project; Nx runs `eslint <projectRoot>` as each project's lint target.
// Import cycles are dependency-cruiser's (.dependency-cruiser.cjs). What the boundary rules enforce is written down in docs/architecture.md ("Boundaries").
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const TEST_ONLY = { group: ['@civic/*/testing', '@civic/testing'], message: 'test-only code: import it from specs, test/ and tools only' };

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.nx/**', 'deploy/kafka/.libs/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          // matching's engine worker probes the alias hook with require.resolve('@civic/matching-engine'), which
          // Nx counts as lazy loading; the engine is imported statically everywhere else on purpose.
          checkDynamicDependenciesExceptions: ['@civic/matching-engine'],
          depConstraints: [
            // A service uses libs, never another service, and never the test harness.
            { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:lib'], notDependOnLibsWithTags: ['type:test'] },
            // A lib never reaches into a service.
            { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
            // The contracts are the bottom of the graph.
            { sourceTag: 'scope:contracts', onlyDependOnLibsWithTags: [] },
            // The catalogue is reference data over the contracts.
            { sourceTag: 'scope:catalogue', onlyDependOnLibsWithTags: ['scope:contracts'] },
            // The engine is pure: contracts and the catalogue only.
            { sourceTag: 'scope:engine', onlyDependOnLibsWithTags: ['scope:contracts', 'scope:catalogue'] },
          ],
        },
      ],
    },
  },
  {
    // Test-only entry points are for specs, not for code that ships.
    files: ['libs/*/src/**/*.ts', 'services/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/testing/**', 'libs/*/src/testing/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_ONLY] }] },
  },
  {
    // The matching engine is pure: no framework, no I/O (this list replaces the one above for its files).
    files: ['libs/matching-engine/src/**/*.ts'],
    ignores: ['libs/matching-engine/src/**/*.spec.ts', 'libs/matching-engine/src/testing/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [TEST_ONLY, { group: ['@nestjs/*', 'typeorm', 'kafkajs', 'pg', 'redis', 'node:fs', 'fs', 'node:net', 'node:http'], message: 'the engine is pure: no framework, no I/O' }] }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
