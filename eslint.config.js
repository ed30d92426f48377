// eslint's and typescript-eslint's recommended rules, the type-aware ones included (the whole run
// takes about 35 s on the 2-core build machine), over all of our TypeScript.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  { ignores: ["dist/", "node_modules/", "test-output/", "bench/out/"] },
  {
    files: ["src/**/*.ts", "parsers/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `const { a: _a, ...rest } = x` is how we leave fields out of a copy.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
      // node:test awaits the tests and suites it is given and reports their failures itself.
      "@typescript-eslint/no-floating-promises": ["error", {
        allowForKnownSafeCalls: [{ from: "package", package: "node:test", name: ["test", "describe", "it", "suite"] }],
      }],
    },
  },
);
