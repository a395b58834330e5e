import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "node_modules/",
      ".gen/",
      ".gen-cdktn/",
      "cdktf.out/",
      "dist/",
      "coverage/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["scripts/**/*.mjs", "bench/**/*.mjs"],
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
  },
  {
    // The library imports its engine in one module, which the package build writes per engine
    // (lib/constructs/cdk.ts, scripts/engine-imports.mjs); the generated bindings are exempt.
    files: ["lib/**/*.ts", "main.ts"],
    ignores: ["lib/constructs/cdk.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(cdktf|cdktn)(/|$)",
              message:
                "Import the engine from lib/constructs/cdk.ts: it is the one module the package build writes per engine.",
            },
          ],
        },
      ],
    },
  },
  {
    // Plain CommonJS files: configs, the bin, test helpers preloaded with `node --require`.
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
        __filename: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
