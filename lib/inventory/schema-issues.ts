/** Turns zod's findings about an inventory into problems a network engineer can act on. */
import type { z } from "zod";
import type { KeyPath } from "./key-path";
import type { InventorySource } from "./inventory-source";
import type { Problem } from "./problem";
import { closestName } from "../text";
import { oneOfReason } from "../validation/entry-values";

/** The problem for one zod issue, positioned in the source. */
export function problemFromIssue(
  source: InventorySource,
  schema: z.ZodType,
  issue: z.core.$ZodIssue,
): Problem {
  const path = issue.path as KeyPath;
  const description = describeAt(schema, path);
  const input = (issue as { input?: unknown }).input;
  const expected = description ? `expected ${description}` : undefined;
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = Object.keys(shapeAt(schema, path) ?? {});
      // zod reports all unknown keys of one map together; the first one carries the problem.
      const [key] = issue.keys;
      const suggestion = closestName(key, known);
      return source.problemAt(
        [...path, key],
        {
          message: "is not a known key",
          value: issue.keys.join(", "),
          hint: suggestion
            ? `did you mean ${suggestion}?`
            : `check the spelling; the keys allowed here are ${known.join(", ")}`,
        },
        "key",
      );
    }
    case "invalid_type":
      if (input === undefined) {
        return source.problemAt(path, {
          message: "is missing",
          hint: description ? `add ${description}` : "add it",
        });
      }
      return source.problemAt(path, {
        message: `${path.length === 0 ? "the inventory " : ""}must be ${article(issue.expected)}`,
        value: render(input),
        hint: expected,
      });
    case "too_small":
      return source.problemAt(path, {
        message:
          issue.origin === "array"
            ? `must list at least ${issue.minimum} item${issue.minimum === 1 ? "" : "s"}`
            : `must be at least ${issue.minimum}`,
        value: render(input),
        hint: expected,
      });
    case "invalid_value":
      return source.problemAt(path, {
        message: oneOfReason(issue.values),
        value: render(input),
        hint: expected,
      });
    case "invalid_union": {
      // A discriminated union (terraform.backend) reports its options only in the message.
      const options = [...issue.message.matchAll(/'([^']+)'/g)].map(([, option]) => option);
      const discriminated = (issue as { discriminator?: string }).discriminator !== undefined;
      return source.problemAt(path, {
        message:
          discriminated && options.length > 0
            ? `must be one of ${options.join(", ")}`
            : "has an unexpected form",
        value: render(discriminated ? valueAt(source.data, path) : input),
        hint: expected,
      });
    }
    default:
      return source.problemAt(path, {
        message: issue.message.toLowerCase(),
        value: render(input),
        hint: expected,
      });
  }
}

/** The value at `path` in the parsed data, if there is one. */
function valueAt(data: unknown, path: KeyPath): unknown {
  let node = data;
  for (const part of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/** The `.describe()` text of the schema node at `path`, if any. */
function describeAt(schema: z.ZodType, path: KeyPath): string | undefined {
  return nodeAt(schema, path)?.description;
}

/** The shape (allowed keys) of the object schema at `path`. */
function shapeAt(schema: z.ZodType, path: KeyPath): Record<string, unknown> | undefined {
  const node = nodeAt(schema, path);
  return node ? (unwrap(node) as unknown as { shape?: Record<string, unknown> }).shape : undefined;
}

function nodeAt(schema: z.ZodType, path: KeyPath): z.ZodType | undefined {
  let node: z.ZodType | undefined = schema;
  for (const part of path) {
    if (!node) return undefined;
    const inner = unwrap(node) as unknown as {
      shape?: Record<string, z.ZodType>;
      element?: z.ZodType;
    };
    node = typeof part === "number" ? inner.element : inner.shape?.[part];
  }
  return node;
}

/** The schema inside `.optional()` / `.default()` wrappers. */
function unwrap(node: z.ZodType): z.ZodType {
  let inner = node;
  while (inner._zod.def.type === "optional" || inner._zod.def.type === "default") {
    inner = (inner._zod.def as unknown as { innerType: z.ZodType }).innerType;
  }
  return inner;
}

function article(expected: string): string {
  const names: Record<string, string> = {
    object: "a map",
    array: "a list",
    int: "a whole number",
    number: "a number",
    string: "a string",
    boolean: "true or false",
  };
  return names[expected] ?? `a ${expected}`;
}

/** A found value as quoted text: scalars as written, lists and maps as short JSON. */
export function render(value: unknown): string {
  if (typeof value === "string") return value;
  // JSON writes a number too large for a double (1e400) as null.
  if (typeof value === "number") return String(value);
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
