import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Layering (DESIGN.md §2): apps import libs, libs never import apps, libs import each other only through
// their index (`@citygrid/<lib>`), never by a relative path into another lib.
const noAppImports = {
  group: ['**/apps/**', '@citygrid/*/src/**', '@citygrid/*/*'],
  message: 'libs never import apps; import other libs only through @citygrid/<lib>.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noAppImports,
            {
              group: ['../../*/src/**', '../../../*/src/**'],
              message: 'import other libs through @citygrid/<lib>.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx,mts}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
