/**
 * The one place the tools open a file they were given or found: regular files only (a FIFO or a
 * device is refused without blocking), a size cap checked before reading, and no symbolic link
 * followed out of the repository. Errors name the file and the reason, never its content.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readSync,
  realpathSync,
} from "node:fs";
import * as path from "node:path";

/** Why a file cannot be read. */
export class InputFileError extends Error {}

/** The file is larger than the cap; nothing of it was read. */
export class InputFileTooLargeError extends InputFileError {
  constructor(
    readonly size: number,
    maxBytes: number,
  ) {
    super(`is ${size} bytes, more than the ${maxBytes} this tool reads`);
  }
}

/** Options of `readInputFile`. */
export interface ReadInputOptions {
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number;
  /**
   * The repository root: a symbolic link is followed only to a target inside it.
   * @default process.cwd()
   */
  readonly root?: string;
}

/** Reads a whole regular file; throws `InputFileError` with a one-line reason otherwise. */
export function readInputFile(file: string, options: ReadInputOptions): Buffer {
  let link;
  try {
    link = lstatSync(file);
  } catch (error) {
    throw new InputFileError(reason(error));
  }
  const root = options.root ?? process.cwd();
  // A link anywhere on the way counts: the file itself, or a folder such as inventories/ that a
  // pull request turned into a link. A path outside the repository named on the command line is
  // read as given, unless the file itself is a link.
  if (link.isSymbolicLink() || isInside(path.resolve(file), path.resolve(root))) {
    let target: string;
    try {
      target = realpathSync(file);
    } catch (error) {
      throw new InputFileError(`is a link to a missing file (${reason(error)})`);
    }
    if (!isInside(target, realpathSync(root))) {
      throw new InputFileError("is a link that leaves the repository; it is not followed");
    }
  }
  let descriptor: number;
  try {
    // O_NONBLOCK: opening a FIFO without a writer must not hang.
    descriptor = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputFileError(reason(error));
  }
  try {
    const stat = fstatSync(descriptor);
    if (!stat.isFile()) {
      throw new InputFileError(
        `is not a regular file (${stat.isDirectory() ? "a directory" : stat.isFIFO() ? "a FIFO" : "a device or socket"})`,
      );
    }
    if (stat.size > options.maxBytes) throw new InputFileTooLargeError(stat.size, options.maxBytes);
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const read = readSync(descriptor, buffer, offset, stat.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    return buffer.subarray(0, offset);
  } finally {
    closeSync(descriptor);
  }
}

function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return !relative.startsWith("..") && !path.isAbsolute(relative);
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "does not exist";
  if (code === "EACCES" || code === "EPERM") return "cannot be read (permission denied)";
  if (code === "EISDIR") return "is a directory";
  return code ?? "cannot be read";
}
