/**
 * Renders a synthesized Terraform JSON configuration (cdk.tf.json) as HCL, for reviewers.
 * cdktf 0.21's own `synth --hcl` writes invalid HCL for exactly what these stacks use
 * (`replace_triggered_by` and `depends_on` as quoted strings, `postcondition` as a list,
 * `required_version` lost), so this renderer writes the same configuration in the native
 * syntax: blocks where Terraform expects blocks, bare references where it expects references.
 * Only the plan input is JSON; this text is for reading.
 */

// scripts/render-hcl.cjs loads this module's bundle (dist/hcl.js) and writes each file with it.
export { writeFileAtomically } from "../io/write-file-atomically";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Meta-arguments whose values are references, written bare in HCL. */
const REFERENCE_LISTS = new Set(["depends_on", "ignore_changes", "replace_triggered_by"]);
/** Nested blocks (repeatable) inside resource lifecycle. */
const CONDITION_BLOCKS = new Set(["precondition", "postcondition"]);

/** The HCL text of a cdk.tf.json configuration. */
export function renderHcl(config: JsonObject): string {
  const blocks: string[] = [];
  const {
    terraform,
    provider,
    resource,
    data,
    import: imports,
    output,
    ...rest
  } = withoutMetadata(config) as JsonObject;
  if (terraform) blocks.push(terraformBlock(terraform as JsonObject));
  for (const [name, configs] of Object.entries((provider ?? {}) as JsonObject)) {
    for (const body of configs as JsonObject[]) blocks.push(block(`provider ${quote(name)}`, body));
  }
  for (const [kind, instances] of [
    ["resource", resource],
    ["data", data],
  ] as const) {
    for (const [type, byName] of Object.entries((instances ?? {}) as JsonObject)) {
      for (const [name, body] of Object.entries(byName as JsonObject)) {
        blocks.push(block(`${kind} ${quote(type)} ${quote(name)}`, body as JsonObject));
      }
    }
  }
  for (const entry of (imports ?? []) as JsonObject[]) {
    blocks.push(`import {\n  to = ${entry.to}\n  id = ${value(entry.id, 1)}\n}`);
  }
  for (const [name, body] of Object.entries((output ?? {}) as JsonObject)) {
    blocks.push(block(`output ${quote(name)}`, body as JsonObject));
  }
  for (const [key, body] of Object.entries(rest)) blocks.push(`${key} = ${value(body, 0)}`);
  return blocks.join("\n\n") + "\n";
}

function terraformBlock(terraform: JsonObject): string {
  const { backend, cloud, required_providers: providers, ...attributes } = terraform;
  const lines = ["terraform {"];
  for (const [key, body] of Object.entries(attributes)) lines.push(`  ${key} = ${value(body, 1)}`);
  if (providers) lines.push(`  required_providers ${value(providers, 1)}`);
  for (const [type, body] of Object.entries((backend ?? {}) as JsonObject)) {
    lines.push(indent(block(`backend ${quote(type)}`, body as JsonObject)));
  }
  if (cloud) lines.push(indent(block("cloud", cloud as JsonObject)));
  lines.push("}");
  return lines.join("\n");
}

/** `header { ... }` with attributes, nested blocks for maps that Terraform reads as blocks. */
function block(header: string, body: JsonObject): string {
  const lines = [`${header} {`];
  for (const [key, item] of Object.entries(body)) {
    if (key === "lifecycle") {
      lines.push(indent(lifecycleBlock(item as JsonObject)));
    } else if (REFERENCE_LISTS.has(key)) {
      lines.push(`  ${key} = [${(item as string[]).map(reference).join(", ")}]`);
    } else if (key === "workspaces" && header === "cloud") {
      lines.push(indent(block("workspaces", item as JsonObject)));
    } else {
      lines.push(`  ${key} = ${value(item, 1)}`);
    }
  }
  lines.push("}");
  return lines.join("\n");
}

function lifecycleBlock(lifecycle: JsonObject): string {
  const lines = ["lifecycle {"];
  for (const [key, item] of Object.entries(lifecycle)) {
    if (CONDITION_BLOCKS.has(key)) {
      for (const condition of item as JsonObject[]) lines.push(indent(block(key, condition)));
    } else if (REFERENCE_LISTS.has(key) && Array.isArray(item)) {
      lines.push(`  ${key} = [${(item as string[]).map(reference).join(", ")}]`);
    } else if (key === "ignore_changes" && item === "all") {
      // The keyword `all`, not the string "all".
      lines.push(`  ${key} = all`);
    } else {
      lines.push(`  ${key} = ${value(item, 1)}`);
    }
  }
  lines.push("}");
  return lines.join("\n");
}

/** An HCL expression for a JSON value; a string that is one whole `${...}` becomes the bare expression. */
function value(item: Json, depth: number): string {
  if (item === null) return "null";
  if (typeof item === "string") {
    const whole = /^\$\{([^]*)\}$/.exec(item);
    return whole && !whole[1].includes("${") ? whole[1] : quote(item);
  }
  if (typeof item !== "object") return String(item);
  const pad = "  ".repeat(depth + 1);
  const close = "  ".repeat(depth);
  if (Array.isArray(item)) {
    if (item.length === 0) return "[]";
    return `[\n${item.map((element) => `${pad}${value(element, depth + 1)},`).join("\n")}\n${close}]`;
  }
  const entries = Object.entries(item);
  if (entries.length === 0) return "{}";
  return `{\n${entries.map(([key, element]) => `${pad}${attributeName(key)} = ${value(element, depth + 1)}`).join("\n")}\n${close}}`;
}

/** A reference written as a JSON string (`"bigip_ltm_pool.x"`, `"${...}"`), bare. */
function reference(text: string): string {
  return text.replace(/^\$\{([^]*)\}$/, "$1");
}

function attributeName(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : quote(key);
}

/** An HCL string literal: Terraform's JSON strings are templates too, so `${...}` stays as it is. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(/\t/g, "\\t")}"`;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

/** The configuration without cdktf's `//` metadata comments. */
function withoutMetadata(item: Json): Json {
  if (Array.isArray(item)) return item.map(withoutMetadata);
  if (item === null || typeof item !== "object") return item;
  return Object.fromEntries(
    Object.entries(item)
      .filter(([key]) => key !== "//")
      .map(([key, element]) => [key, withoutMetadata(element)]),
  );
}
