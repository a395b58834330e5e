/** What `cdktf synth` wrote to the output folder: the manifest's stacks and each stack's JSON. */
import { showValue } from "../io/show-value";
import { readFileSync } from "node:fs";
import * as path from "node:path";

/** The folder Terraform runs in for a stack: `<outdir>/stacks/<stack>`. */
export function stackFolder(outdir: string, stack: string): string {
  return path.join(outdir, "stacks", stack);
}

/** A stack's synthesized Terraform JSON (`cdk.tf.json`). */
export function stackConfig(outdir: string, stack: string): SynthesizedStack {
  return JSON.parse(
    readFileSync(path.join(stackFolder(outdir, stack), "cdk.tf.json"), "utf8"),
  ) as SynthesizedStack;
}

/** The parts of a synthesized stack the deploy reads. */
export interface SynthesizedStack {
  readonly provider: { readonly bigip: readonly Record<string, unknown>[] };
  readonly terraform: { readonly backend?: Record<string, Record<string, unknown>> };
}

/**
 * The stacks the patterns name (`*` matches anything, as cdktf's own stack patterns), in the
 * order given, as the synthesized manifest lists them; or what is wrong.
 */
export function expandStacks(patterns: readonly string[], outdir: string): string[] | string {
  let known: string[];
  try {
    const manifest = JSON.parse(readFileSync(path.join(outdir, "manifest.json"), "utf8")) as {
      stacks: Record<string, unknown>;
    };
    known = Object.keys(manifest.stacks);
  } catch {
    return `no synthesized stacks in ${outdir}: cannot check what cdktf did`;
  }
  const names: string[] = [];
  for (const pattern of patterns) {
    const regex = new RegExp(
      `^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
    );
    const matched = known.filter((name) => regex.test(name));
    if (matched.length === 0) return `no stack '${showValue(pattern)}' among ${known.join(", ")}`;
    for (const name of matched) if (!names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * The stacks whose provider verifies the device's certificate: `validate_certs_disable` is false
 * unless the inventory says `validateCerts: false` (lib/constructs/provider-tls.ts).
 */
export function verifyingStacks(names: readonly string[], outdir: string): string[] {
  return names.filter((stack) => {
    const [provider] = stackConfig(outdir, stack).provider.bigip;
    return provider.validate_certs_disable !== true;
  });
}
