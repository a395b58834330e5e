/**
 * A stack's Terraform JSON document, built as cdktf 0.21's `TerraformStack.toTerraform()` builds
 * it, with each element resolved once.
 *
 * cdktf resolves every element's fragment, merges the fragments, and then resolves the merged
 * document again: a second walk over every attribute of every resource that finds nothing left
 * to resolve, plus one resolve per element of its (nearly always empty) metadata. At 3,200 DA
 * servers those walks were a fifth of the synth time and a third copy of the document in memory
 * (see docs/performance.md). Here each fragment is resolved once and merged as soon as it is
 * made; a fragment without any token (nearly all of them: the constructs write their references
 * as text) is copied as cdktf's resolve would return it, without its per-value bookkeeping. A test compares the result with cdktf's own `toTerraform()` for every example and
 * fixture inventory, so a later cdktf that builds the document otherwise is noticed.
 */
import {
  DefaultTokenResolver,
  StringConcat,
  TerraformElement,
  TerraformOutput,
  TerraformStack,
  Token,
  Tokenization,
} from "./cdk";
import type { IConstruct } from "constructs";

/** A JSON object of the document. */
type JsonObject = Record<string, unknown>;

/** The resolver cdktf's own synth uses. */
const RESOLVER = new DefaultTokenResolver(new StringConcat());

/**
 * The Terraform JSON of `stack`.
 * @param overrides the stack's own overrides (`stack.addOverride`), as `overrideAt` records them
 */
export function terraformDocument(stack: TerraformStack, overrides: JsonObject): JsonObject {
  const elements = terraformElements(stack);
  const metadata: JsonObject = {
    version: stack.node.tryGetContext("cdktfVersion"),
    stackName: stack.node.id,
    backend: "local", // a backend element overrides it
    cloud: undefined, // a cloud or remote backend element overrides it
    ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
  };
  const outputs: JsonObject = {};
  for (const element of elements) {
    const elementMetadata = element.toMetadata() as JsonObject;
    if (Object.values(elementMetadata).some((value) => value !== undefined)) {
      merge(metadata, resolve(stack, elementMetadata));
    }
    if (TerraformOutput.isTerraformOutput(element)) {
      merge(outputs, nestedPath(element.node.path.split("/"), element.friendlyUniqueId));
    }
  }
  const document: JsonObject = { "//": resolve(stack, { metadata, outputs }) };
  for (const element of elements) {
    merge(document, resolve(stack, element.toTerraform()));
  }
  // Overrides may hold tokens, and `undefined` deletes: merged as they are, then the top-level
  // blocks they reach are resolved again (a no-op for what was resolved already).
  merge(document, overrides);
  for (const key of Object.keys(overrides)) {
    const value = resolve(stack, { [key]: document[key] });
    if (key in value) document[key] = value[key];
    else delete document[key];
  }
  return document;
}

/**
 * Records `value` at the dotted `path` of `overrides`, as `TerraformStack.addOverride` records
 * it: each part but the last a map (replacing anything else there).
 */
export function overrideAt(overrides: JsonObject, path: string, value: unknown): void {
  const parts = path.split(".");
  const last = parts.pop()!;
  let map = overrides;
  for (const part of parts) {
    const next = map[part];
    if (typeof next !== "object" || next === null || Array.isArray(next)) map[part] = {};
    map = map[part] as JsonObject;
  }
  map[last] = value;
}

/** `value` with every token in it resolved, as cdktf resolves at synth. */
function resolve(stack: TerraformStack, value: unknown): JsonObject {
  const plain = plainCopy(value);
  if (plain !== NOT_PLAIN) return plain as JsonObject;
  return Tokenization.resolve(value, { scope: stack, resolver: RESOLVER }) as JsonObject;
}

/** plainCopy's answer for a value cdktf's resolve may change. */
const NOT_PLAIN = Symbol("not plain");
/** cdktf's pattern of a number token written into a string (`TokenString.forNumbers`). */
const NUMBER_IN_STRING = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
/** A token number carries its marker in its top bits: its magnitude is 2^960 or more. */
const TOKEN_NUMBER_MAGNITUDE = 2 ** 900;

/**
 * What cdktf's resolve returns for a value without tokens (the value with `undefined` left out
 * of maps and lists), or NOT_PLAIN when the value might hold one: a token object, a string with
 * a token marker or a number token in it, a token number, a map token's placeholder, anything
 * but plain maps, lists, strings, numbers, booleans and null. Those go to cdktf's resolve, which
 * resolves them, or refuses them as it always did.
 */
function plainCopy(value: unknown): unknown {
  switch (typeof value) {
    case "string":
      return value.includes("TfToken[") ||
        value === Token.STRING_MAP_TOKEN_VALUE ||
        value === Token.ANY_MAP_TOKEN_VALUE ||
        NUMBER_IN_STRING.test(value)
        ? NOT_PLAIN
        : value;
    case "number":
      return Math.abs(value) < TOKEN_NUMBER_MAGNITUDE && value !== Token.NUMBER_MAP_TOKEN_VALUE
        ? value
        : NOT_PLAIN;
    case "boolean":
      return value;
    case "object":
      return value === null ? null : plainCollectionCopy(value);
    default:
      return NOT_PLAIN;
  }
}

function plainCollectionCopy(value: object): unknown {
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const item of value) {
      if (item === undefined) continue;
      const plain = plainCopy(item);
      if (plain === NOT_PLAIN) return NOT_PLAIN;
      copy.push(plain);
    }
    return copy;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return NOT_PLAIN;
  const copy: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    if (plainCopy(key) === NOT_PLAIN) return NOT_PLAIN;
    if (item === undefined) continue;
    const plain = plainCopy(item);
    if (plain === NOT_PLAIN) return NOT_PLAIN;
    copy[key] = plain;
  }
  return copy;
}

/** The Terraform elements in `scope` and below, in construct order, not entering sub-stacks. */
function terraformElements(scope: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(scope)) into.push(scope);
  for (const child of scope.node.children) {
    if (!TerraformStack.isStack(child)) terraformElements(child, into);
  }
  return into;
}

/** `{ a: { b: { c: value } } }` for the path `a/b/c`. */
function nestedPath(parts: readonly string[], value: unknown): JsonObject {
  return parts.reduceRight<JsonObject>(
    (inner, part, index) => ({ [part]: index === parts.length - 1 ? value : inner }),
    {},
  );
}

/**
 * Merges `source` into `target` as cdktf's `deepMerge` does: maps recursively, lists appended,
 * `undefined` deletes, any other value (a token too) replaces.
 */
function merge(target: JsonObject, source: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(source)) {
    if (Tokenization.isResolvable(value)) {
      target[key] = value;
    } else if (Array.isArray(value)) {
      const existing = target[key];
      target[key] = Array.isArray(existing) ? [...existing, ...value] : value;
    } else if (typeof value === "object" && value !== null) {
      if (typeof target[key] !== "object" || target[key] === null) target[key] = {};
      merge(target[key] as JsonObject, value as JsonObject);
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
  return target;
}
