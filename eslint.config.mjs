// ESLint 9 flat config: the Office add-in rules (eslint-plugin-office-addins' react config, which
// brings typescript-eslint's recommended rules and the React rules for the task pane).
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

// The plugin's TypeScript block lists js/ts files only and, with the typescript-eslint version npm
// resolves today, leaves its parser undefined (espree, ES6). Give it the TypeScript parser and the
// task pane's .tsx files.
const base = officeAddins.configs.react;
for (const c of base) {
  if (c.files && c.plugins && c.plugins['@typescript-eslint']) {
    c.files = ['**/*.{js,mjs,cjs,ts,cts,mts,tsx}'];
    c.languageOptions = { ...c.languageOptions, parser: tseslint.parser, ecmaVersion: 'latest' };
  }
}

export default [
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'pe-check-out/', '.tmp/'] },
  ...base,
  {
    files: ['**/*.{js,mjs,cjs,ts,cts,mts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Formatting is not a lint error here; the code follows one consistent style by hand.
      'prettier/prettier': 'off',
      // TypeScript checks undefined names (and knows the Office, Excel and Node globals).
      'no-undef': 'off',
      // The automatic JSX runtime (tsconfig "jsx": "react-jsx") needs no React in scope.
      'react/react-in-jsx-scope': 'off',
    },
  },
  {
    // The Office.js load/sync rules read every `x.load` / `x.prop` as Office.js: the CLI's exceljs code
    // and tests that inspect the fake Excel after the fact are not.
    files: ['src/cli/**', 'test/**', 'bench/**', 'scripts/**', 'tools/**'],
    rules: {
      'office-addins/call-sync-before-read': 'off',
      'office-addins/call-sync-after-load': 'off',
      'office-addins/load-object-before-read': 'off',
      'office-addins/no-empty-load': 'off',
    },
  },
  {
    files: ['**/*.cjs', 'bin/*.js', 'webpack.config.js', 'jest.config.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
