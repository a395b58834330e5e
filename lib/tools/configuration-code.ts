/**
 * What `npm run synth` executes, as files of the repository: a change to any of them can reshape
 * every stack, so `changes` counts it. Learnt from the project and its build, never from reading
 * code: cdktf.json's `app` command (`node <script>`); the CommonJS scripts beside that script (the
 * app command's own runtime: the engine choice, the build check; build tooling there is `.mjs`);
 * and the sources of every app output the build lists (`appOutputs` in `dist/meta.json`, beside
 * esbuild's record of each output's inputs), one per engine. Dependencies count through
 * package.json and package-lock.json, the generated provider bindings (.gen/) through providers/,
 * their source.
 */
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** Files that shape every synthesis whatever the app runs. */
const ALWAYS = ["cdktf.json", "package.json", "package-lock.json", "providers/"] as const;

/** The build's record (scripts/app-build.cjs): esbuild's metafile plus the app's outputs. */
const BUILD_RECORD = "dist/meta.json";

/** The repository files (and folders, ending in /) `npm run synth` executes or reads. */
export interface ConfigurationCode {
  readonly files: readonly string[];
  /** Set when the app could not be followed: every file outside inventories/ counts. */
  readonly unknown?: string;
}

/** Follows cdktf.json's app from the project root. */
export function configurationCode(root: string): ConfigurationCode {
  let app: unknown;
  try {
    app = (JSON.parse(readFileSync(path.join(root, "cdktf.json"), "utf8")) as { app?: unknown })
      .app;
  } catch {
    return { files: [...ALWAYS], unknown: "cdktf.json cannot be read" };
  }
  const written = typeof app === "string" ? /^node\s+(\S+)$/.exec(app.trim())?.[1] : undefined;
  const script = written === undefined ? undefined : path.posix.normalize(written);
  if (script === undefined || script.startsWith("../") || path.isAbsolute(script)) {
    return {
      files: [...ALWAYS],
      unknown: "cdktf.json's app is not `node <script>` in the project",
    };
  }
  const sources = appSources(root);
  if (typeof sources === "string") return { files: [...ALWAYS, script], unknown: sources };
  const folder = path.posix.dirname(script);
  return {
    files: [...new Set([...ALWAYS, script, ...commonJsScripts(root, folder), ...sources])].sort(),
  };
}

/** The `.cjs` files of the app script's folder, as repository paths. */
function commonJsScripts(root: string, folder: string): string[] {
  try {
    return readdirSync(path.join(root, folder))
      .filter((name) => name.endsWith(".cjs"))
      .map((name) => path.posix.join(folder, name));
  } catch {
    return [];
  }
}

/**
 * The repository sources of the app's outputs, from the build's record: node_modules/ count
 * through the lockfile, .gen/ through providers/. A string says why they cannot be known.
 */
function appSources(root: string): string[] | string {
  let record: {
    appOutputs?: unknown;
    outputs?: Record<string, { inputs?: Record<string, unknown> }>;
  };
  try {
    record = JSON.parse(readFileSync(path.join(root, BUILD_RECORD), "utf8"));
  } catch {
    return `${BUILD_RECORD} (the build's record of the app's sources) is missing; run npm ci or npm run synth first`;
  }
  const outputs = record.appOutputs;
  if (!Array.isArray(outputs) || outputs.length === 0) {
    return `${BUILD_RECORD} names no app outputs (appOutputs); rebuild with npm run prepare`;
  }
  const sources = new Set<string>();
  for (const output of outputs) {
    const inputs = typeof output === "string" ? record.outputs?.[output]?.inputs : undefined;
    if (!inputs) return `${BUILD_RECORD} has no inputs for the app output ${String(output)}`;
    for (const input of Object.keys(inputs)) {
      if (input.startsWith("node_modules/")) continue;
      sources.add(input.startsWith(".gen/") ? "providers/" : input);
    }
  }
  return [...sources];
}
