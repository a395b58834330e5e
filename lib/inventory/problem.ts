import { showExcerpt, showValue } from "../io/show-value";

/** A finding about an inventory file, printed as `<file>:<line>:<column>: <severity>: <text>`. */

/** How bad a problem is: errors stop synth and deploy, warnings are printed only. */
export type Severity = "error" | "warning";

/** One finding, with the position of the offending value in the inventory source. */
export interface Problem {
  readonly file: string;
  /** 1-based line of the offending value (or key). */
  readonly line: number;
  /** 1-based column of the offending value (or key). */
  readonly column: number;
  readonly severity: Severity;
  /** Key path in the inventory, e.g. `entryPoints[0].servers[1].clientPrefix`; empty for the file. */
  readonly path: string;
  /** The entry point and server names along the path, e.g. `east/da-east-2`. */
  readonly names?: string;
  /** What is wrong, e.g. `must be an IPv6 prefix in CIDR form`. */
  readonly message: string;
  /** The value found, quoted in the message as `got '<value>'`. */
  readonly value?: string;
  /** What to do about it. */
  readonly hint?: string;
  /** Id of the check that found it: a rule id, `schema` or `yaml`. */
  readonly rule?: string;
}

/** The longest entry point and server names shown whole next to a key path. */
const MAX_NAMES = 80;

/** The longest message or hint shown whole. */
const MAX_TEXT = 1000;

/** The one-line, compiler-style text of a problem. */
export function formatProblem(problem: Problem): string {
  // File names and values come from pull requests: control and invisible characters are shown
  // escaped and named, long values shortened. Messages and hints may quote names from the file
  // too, so they are escaped as well (their fixed text has nothing to escape).
  const where = `${showValue(problem.file, 400)}:${problem.line}:${problem.column}`;
  const what = showValue(
    problem.path
      ? `${problem.path}${problem.names ? ` (${showValue(problem.names, MAX_NAMES)})` : ""} ${problem.message}`
      : problem.message,
    MAX_TEXT,
  );
  // A value that looks like a key or token is never shown (a key file linked in as an inventory).
  const got = problem.value === undefined ? "" : `, got '${showExcerpt(problem.value)}'`;
  const hint = problem.hint ? `; ${showValue(problem.hint, MAX_TEXT)}` : "";
  return `${where}: ${problem.severity}: ${what}${got}${hint}`;
}

/** True when any problem is an error (warnings alone do not stop a synth). */
export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((problem) => problem.severity === "error");
}
