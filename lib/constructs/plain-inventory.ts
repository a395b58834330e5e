/**
 * The one place where inventory text enters cdktf. cdktf reads any string holding its token
 * markers (`${TfToken[TOKEN.n]}`, `#{TfToken[...]}`) and certain doubles as references of its own.
 * The template-text rule refuses such values before synth; this check makes sure, in the
 * construct layer, that nothing of an inventory ever becomes a reference, whatever calls the
 * stack.
 */
import { Token } from "./cdk";

/** Throws when any string or number inside `value` is a cdktf token; `path` names where. */
export function assertPlainValues(value: unknown, path = "inventory"): void {
  if (typeof value === "string" || typeof value === "number") {
    if (Token.isUnresolved(value)) {
      throw new Error(`${path} holds a cdktf token marker; inventory values must be plain text`);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertPlainValues(item, `${path}[${index}]`));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      assertPlainValues(key, `${path} key`);
      assertPlainValues(item, `${path}.${key}`);
    }
  }
}
