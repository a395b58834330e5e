/**
 * The repository `deploy`, `destroy` and `cdktf` run in: the folder of cdktf.json's app script
 * (`scripts/run-app.cjs`), found upwards from this module (lib/deploy/ in the sources, dist/ in
 * the build). An installed package has no app: these commands belong to the repository.
 */
import { existsSync } from "node:fs";
import * as path from "node:path";

/** The app script, relative to the repository's root. */
export const APP_SCRIPT = path.join("scripts", "run-app.cjs");

/** The repository's root, or `undefined` outside a repository (an installed package). */
export function projectRoot(start: string = __dirname): string | undefined {
  for (let folder = start; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, APP_SCRIPT))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}
