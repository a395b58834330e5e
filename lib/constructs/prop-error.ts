/**
 * How the constructs refuse a prop, in one form: `<Construct> <path>: <prop> <reason>, got
 * '<value>'; <hint>`, and what a Terraform reference (a cdktf token) is refused with where the
 * construct needs the value itself: a name it composes, or a word of a tmsh command line, which the
 * provider runs in bash on the BIG-IP.
 */
import { Token } from "./cdk";
import type { Construct } from "constructs";
import { showValue } from "../io/show-value";
import type { Invalid } from "../validation/entry-values";

/** The reason given for a token where a literal is needed. */
const NOT_A_LITERAL = "must be a literal, got a Terraform reference/token";

/**
 * Where `value` holds a cdktf token: `prop` for the value itself (a string, number or list
 * token), `prop[<i>]` for an element of a list; `undefined` when it is a literal.
 */
function tokenIn(prop: string, value: unknown): string | undefined {
  if (Token.isUnresolved(value)) return prop;
  if (Array.isArray(value)) {
    const index = value.findIndex((item) => Token.isUnresolved(item));
    if (index >= 0) return `${prop}[${index}]`;
  }
  return undefined;
}

/**
 * The error for a refused prop.
 * @param kind the construct's class name, e.g. `DaManageOutEntry`
 * @param value the value found, shown escaped and shortened; omitted for a token, whose text
 *   would be cdktf's marker, not the value
 */
export function propError(
  kind: string,
  construct: Construct,
  prop: string,
  problem: Invalid,
  value?: unknown,
): Error {
  const got = value === undefined ? "" : `, got '${showValue(String(value))}'`;
  const hint = problem.hint ? `; ${problem.hint}` : "";
  return new Error(`${kind} ${construct.node.path}: ${prop} ${problem.reason}${got}${hint}`);
}

/** Throws `<kind> <path>: <prop> must be a literal, got a Terraform reference/token; <hint>`. */
export function requireLiteral(
  kind: string,
  construct: Construct,
  prop: string,
  value: unknown,
  hint: string,
): void {
  const where = tokenIn(prop, value);
  if (where !== undefined) {
    throw propError(kind, construct, where, { reason: NOT_A_LITERAL, hint });
  }
}
