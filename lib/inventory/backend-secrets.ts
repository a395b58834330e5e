/**
 * Which backend settings hold a secret: one judgement for the backend-credentials rule, which
 * refuses them in an inventory, and for everything that prints backend settings (`report`), which
 * hides them, base revisions that predate the rule included.
 */
import { BACKEND_SECRETS, type BackendSettings, type BackendType } from "./backend-schema";
import { isCredentialKey } from "./credential-key";
import { pgConnStrSecret } from "./pg/conn-str-secret";
import { readLibPq } from "./pg/lib-pq";
import { secretInText } from "./secret-text";
import { HIDDEN } from "../io/show-value";

/**
 * What secret the value of a backend argument holds, as the rest of a problem's message
 * ("holds a private key (PEM)"), or `undefined`: a pg `conn_str` as its drivers read it (a password
 * in any form), any other string by its look (a private key, a URL's password).
 * @param argument the key path inside the backend, e.g. `conn_str` or `endpoints.s3`
 */
export function secretInArgument(
  type: BackendType,
  argument: string,
  value: unknown,
): string | undefined {
  if (typeof value !== "string") return undefined;
  return type === "pg" && argument === "conn_str" ? pgConnStrSecret(value) : secretInText(value);
}

/**
 * A backend's settings as they may be printed: every secret argument (`BACKEND_SECRETS`), every
 * argument named like a credential, every value holding a secret, and a pg `conn_str` that lib/pq
 * cannot read (it may hold one in a form not recognized) show as `(hidden)`.
 */
export function redactedBackend(backend: BackendSettings): Record<string, unknown> {
  const type = backend.type;
  const redact = (value: unknown, path: string[]): unknown => {
    const argument = path.join(".");
    const key = path[path.length - 1] ?? "";
    if (BACKEND_SECRETS[type][argument] !== undefined) return HIDDEN;
    if (isCredentialKey(key) && typeof value !== "boolean") return HIDDEN;
    if (secretInArgument(type, argument, value) !== undefined) return HIDDEN;
    if (type === "pg" && argument === "conn_str" && typeof value === "string") {
      return readLibPq(value).error === undefined ? value : HIDDEN;
    }
    if (Array.isArray(value))
      return value.map((item, index) => redact(item, [...path, `${index}`]));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([name, item]) => [name, redact(item, [...path, name])]),
      );
    }
    return value;
  };
  return redact(backend, []) as Record<string, unknown>;
}
