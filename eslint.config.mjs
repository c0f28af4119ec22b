// ESLint 9 flat config: typescript-eslint's recommended rules + eslint-plugin-office-addins (its
// react config: the Office.js load/sync rules and the React rules for the task pane).
import officeAddins from 'eslint-plugin-office-addins';
import tseslint from 'typescript-eslint';

// eslint-plugin-office-addins bundles its own, older copy of @typescript-eslint (8.8) and registers
// it under the same plugin name; ESLint refuses two different plugin objects for one name. Point
// its blocks at the project's typescript-eslint, give them the TypeScript parser (the bundled
// config leaves espree, ES6) and include the task pane's .tsx files.
const officeReact = officeAddins.configs.react.map((c) => {
  if (!c.plugins || !c.plugins['@typescript-eslint']) return c;
  return {
    ...c,
    files: ['**/*.{js,mjs,cjs,ts,cts,mts,tsx}'],
    plugins: { ...c.plugins, '@typescript-eslint': tseslint.plugin },
    languageOptions: { ...c.languageOptions, parser: tseslint.parser, ecmaVersion: 'latest' },
  };
});

export default [
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'pe-check-out/', '.tmp/'] },
  ...officeReact,
  ...tseslint.configs.recommended,
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
    // The Office.js load/sync rules read every `x.load` / `x.prop` as Office.js: the exceljs code (CLI, files, page)
    // and tests that inspect the fake Excel after the fact are not.
    files: ['src/cli/**', 'src/files/**', 'src/web/**', 'test/**', 'bench/**', 'scripts/**', 'tools/**'],
    rules: {
      'office-addins/call-sync-before-read': 'off',
      'office-addins/call-sync-after-load': 'off',
      'office-addins/load-object-before-read': 'off',
      'office-addins/no-empty-load': 'off',
    },
  },
  {
    files: ['**/*.cjs', 'bin/*.js', 'webpack.config.js', 'jest.config.js', 'test/e2e/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
