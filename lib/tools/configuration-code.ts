/**
 * What `npm run synth` executes, as files of the repository: a change to any of them can reshape
 * every stack, so `changes` counts it. Derived from the project itself, not kept by hand:
 * cdktf.json's `app` command, the script it runs and every file that script requires in turn,
 * and, for what those scripts load from a build folder (dist/), the sources the bundler recorded
 * (`dist/meta.json`, esbuild's metafile). Dependencies count through package.json and
 * package-lock.json, the generated provider bindings (.gen/) through providers/, their source.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

/** Files that shape every synthesis whatever the app runs. */
const ALWAYS = ["cdktf.json", "package.json", "package-lock.json", "providers/"] as const;

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
  const script = typeof app === "string" ? /^node\s+(\S+)$/.exec(app.trim())?.[1] : undefined;
  if (script === undefined) {
    return { files: [...ALWAYS], unknown: "cdktf.json's app is not `node <script>`" };
  }
  const files = new Set<string>(ALWAYS);
  const pending = [path.posix.normalize(script)];
  while (pending.length > 0) {
    const file = pending.pop()!;
    // Only the repository's own files: a require that leaves it is not followed.
    if (files.has(file) || file.startsWith("../") || path.isAbsolute(file)) continue;
    if (file.startsWith("dist/")) {
      const sources = bundledSources(root, file);
      if (sources === undefined) {
        return { files: [...files], unknown: `${file} is a build output without dist/meta.json` };
      }
      for (const source of sources) files.add(source);
      continue;
    }
    files.add(file);
    let text: string;
    try {
      text = readFileSync(path.join(root, file), "utf8");
    } catch {
      continue; // a file the app would fail on: its absence is not our concern here
    }
    for (const [, target] of text.matchAll(/\brequire\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
      pending.push(resolveScript(root, path.posix.join(path.posix.dirname(file), target)));
    }
  }
  return { files: [...files].sort() };
}

/** `./app-build` → `scripts/app-build.cjs` when that exists; otherwise as written. */
function resolveScript(root: string, file: string): string {
  const candidates = [file, `${file}.js`, `${file}.cjs`, `${file}/index.js`];
  return candidates.find((candidate) => existsSync(path.join(root, candidate))) ?? file;
}

/**
 * The repository sources of a bundled output, from esbuild's metafile: node_modules/ count through
 * the lockfile, .gen/ through providers/.
 */
function bundledSources(root: string, output: string): string[] | undefined {
  let meta: { outputs?: Record<string, { inputs?: Record<string, unknown> }> };
  try {
    meta = JSON.parse(readFileSync(path.join(root, "dist", "meta.json"), "utf8"));
  } catch {
    return undefined;
  }
  const inputs = meta.outputs?.[output]?.inputs;
  if (!inputs) return undefined;
  return Object.keys(inputs)
    .filter((input) => !input.startsWith("node_modules/"))
    .map((input) => (input.startsWith(".gen/") ? "providers/" : input));
}
