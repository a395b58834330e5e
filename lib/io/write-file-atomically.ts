/**
 * The one way the tools write a file they were asked to write: the whole text or nothing. A
 * temporary file next to the target is renamed over it, so a failure (disk full, a killed process)
 * never leaves the target half-written.
 */
import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";

/**
 * Writes `text` to `target` all at once, keeping an existing target's permissions; on failure the
 * target is as it was, and this throws.
 */
export function writeFileAtomically(target: string, text: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: "wx" });
    const mode = existingMode(target);
    if (mode !== undefined) chmodSync(temporary, mode);
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

function existingMode(target: string): number | undefined {
  try {
    return statSync(target).mode & 0o7777;
  } catch {
    return undefined;
  }
}
