/**
 * `doctor`'s provider check: Terraform can install the F5Networks/bigip provider the stacks
 * require from the sources this machine's Terraform is configured with (the registry, a
 * filesystem or network mirror of the CLI configuration, `TF_CLI_CONFIG_FILE`, the plugin
 * cache). Without it, doctor said ok and the deploy on a closed network failed at its first
 * `terraform init`. The check is that init itself, in an empty folder, so it sees exactly what a
 * stack's init sees.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { showValue } from "../io/show-value";
import { BIGIP_PROVIDER_SOURCE, requiredProviderVersion } from "../terraform-requirements";
import type { Check } from "./doctor";

/** Where a user learns to give Terraform the provider without the registry. */
export const CLOSED_NETWORK_GUIDE = "README.md#on-a-closed-network";

/** How long `terraform init` may take: a mirror or registry that drops packets must not hang doctor. */
export const PROVIDER_CHECK_TIMEOUT_MS = 60_000;

/** The longest excerpt of Terraform's error that is shown. */
const EXCERPT_LENGTH = 240;

const FIX = `give Terraform the provider: from the registry, or on a closed network from a filesystem mirror named in a CLI configuration file (TF_CLI_CONFIG_FILE); see ${CLOSED_NETWORK_GUIDE}`;

/** Options of the check, for tests. */
export interface ProviderCheckOptions {
  /** The environment Terraform runs in. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** @default PROVIDER_CHECK_TIMEOUT_MS */
  readonly timeoutMs?: number;
}

/**
 * Runs `terraform init -backend=false` in a temporary folder whose only configuration requires
 * the provider as the stacks do, with the user's CLI configuration and plugin cache; ok with the
 * version installed and where it came from, or what failed and what to do.
 */
export function checkProviderInstallation(options: ProviderCheckOptions = {}): Check {
  let version: string;
  try {
    version = requiredProviderVersion(options.env ?? process.env);
  } catch (error) {
    return { ok: false, what: (error as Error).message };
  }
  // What the check is named by in its line.
  const provider = `provider F5Networks/bigip ${version}`;
  const folder = mkdtempSync(path.join(tmpdir(), "da-manage-out-provider-check-"));
  try {
    writeFileSync(
      path.join(folder, "main.tf.json"),
      JSON.stringify({
        terraform: {
          required_providers: {
            bigip: { source: BIGIP_PROVIDER_SOURCE, version },
          },
        },
      }),
    );
    const log = path.join(folder, "terraform.log");
    const timeoutMs = options.timeoutMs ?? PROVIDER_CHECK_TIMEOUT_MS;
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
      cwd: folder,
      encoding: "utf8",
      timeout: timeoutMs,
      killSignal: "SIGKILL",
      maxBuffer: 16 * 1024 * 1024,
      env: {
        ...(options.env ?? process.env),
        CHECKPOINT_DISABLE: "1",
        TF_IN_AUTOMATION: "1",
        // The trace log says where the package came from; written to a file, never shown whole.
        TF_LOG: "trace",
        TF_LOG_PATH: log,
      },
    });
    if ((init.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT") {
      return {
        ok: false,
        what: `${provider} cannot be installed: terraform init did not finish within ${timeoutMs / 1000} s (a registry or mirror that does not answer)`,
        fix: FIX,
      };
    }
    if (init.error || init.status !== 0) {
      return { ok: false, what: `${provider} cannot be installed: ${failure(init)}`, fix: FIX };
    }
    const locked = lockedVersion(folder);
    const origin = installedFrom(readText(log));
    return {
      ok: true,
      what: `provider F5Networks/bigip ${locked === undefined ? "" : `${showValue(locked, 40)} `}can be installed${origin === undefined ? "" : `, from ${origin}`}`,
    };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Why init failed: Terraform's error, or how it ended. */
function failure(init: ReturnType<typeof spawnSync>): string {
  const code = (init.error as NodeJS.ErrnoException | undefined)?.code;
  if (init.error) return `terraform cannot be run (${code ?? init.error.message})`;
  const excerpt = errorExcerpt(`${String(init.stderr ?? "")}\n${String(init.stdout ?? "")}`);
  if (excerpt !== undefined) return excerpt;
  return init.signal
    ? `terraform init was stopped (${init.signal})`
    : `terraform init exited ${init.status}`;
}

/**
 * Terraform's first error, `Error: <summary>: <detail>` on one line, escaped and shortened: its
 * text holds addresses and paths from the user's configuration, so never more than that.
 */
export function errorExcerpt(output: string): string | undefined {
  const start = output.search(/^(│ )?Error: /m);
  if (start < 0) return undefined;
  const paragraphs = output
    .slice(start)
    .split("\n")
    .map((line) => line.replace(/^[│╷╵] ?/, "").trim())
    .join("\n")
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter((paragraph) => paragraph !== "");
  return showValue(paragraphs.slice(0, 2).join(": "), EXCERPT_LENGTH);
}

/** The provider version the lock file of the folder records. */
function lockedVersion(folder: string): string | undefined {
  const lock = readText(path.join(folder, ".terraform.lock.hcl"));
  return /^\s*version\s*=\s*"([^"]+)"/m.exec(lock)?.[1];
}

/**
 * Where Terraform took the package from, read from its trace log: a folder (a filesystem mirror,
 * or an implied local mirror such as `~/.terraform.d/plugins`), a download (the registry, or a
 * network mirror), of which only the origin is shown, or the plugin cache.
 */
export function installedFrom(traceLog: string): string | undefined {
  const installed = /Dir\.InstallPackage: installing \S+ \S+ from (.+)$/m.exec(traceLog);
  if (installed) {
    const location = installed[1].trim();
    if (!/^https?:\/\//.test(location)) return showValue(location, 160);
    try {
      return `a download from ${showValue(new URL(location).origin, 160)}`;
    } catch {
      return "a download";
    }
  }
  // Found by its source, and taken from the cache an earlier init filled.
  const cached = /LinkFromOtherCache: linking \S+ \S+ from existing cache (.+?) to /.exec(traceLog);
  return cached ? `the plugin cache ${showValue(cached[1], 160)}` : undefined;
}

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}
