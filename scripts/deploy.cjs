// The documented deploy and destroy: `npm run deploy -- <stack...> [cdktf options]` and
// `npm run destroy -- <stack...> [cdktf options]`. cdktf's own exit code is not proof: with its
// terraform child killed mid-apply (a stopped runner, out of memory) `cdktf deploy` was seen to
// exit 0 and print the old outputs. So after cdktf, each stack is checked by Terraform itself:
// after a deploy, `terraform plan -detailed-exitcode` must find no changes; after a destroy, the
// state must hold nothing. Anything else exits 1 and says what to do.
//
// A state lock held by another run (another CI runner deploying the same stack, or, with the pg
// backend, the first deploy of any stack of the database) is waited for, up to
// DA_MANAGE_OUT_LOCK_TIMEOUT (default 15m), instead of failing at once: cdktf has no flag for it,
// Terraform takes it from TF_CLI_ARGS_<command>. And a stack whose backend changed since its
// folder was initialised is stopped before Terraform, with the command that moves the state.
//
// After a deploy or destroy of a stack with bigip.configSync, its device group must reach "In Sync"
// within DA_MANAGE_OUT_SYNC_TIMEOUT (default 5m), else exit 1 naming group, state and standby
// (scripts/config-sync-wait.cjs).
//
// The provider verifies the BIG-IP's TLS certificate against BIGIP_CA_FILE, the CA doctor uses
// (scripts/device-ca.cjs); a stack that verifies is stopped before Terraform when it is not set.
const { spawn, spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { withDeviceCa } = require("./device-ca.cjs");
const { withLockTimeout } = require("./lock-timeout.cjs");
const { syncTimeoutProblem, waitForConfigSync } = require("./config-sync-wait.cjs");

const ROOT = path.resolve(__dirname, "..");
/** cdktf options that take a value: the value is not a stack name. */
const OPTIONS_WITH_VALUE = new Set(["--output", "-o", "--var", "--var-file", "--parallelism"]);

function main(argv) {
  const [mode, ...args] = argv;
  if (mode !== "deploy" && mode !== "destroy") {
    return fail("usage: node scripts/deploy.cjs deploy|destroy <stack...> [cdktf options]", 2);
  }
  const { stacks, options, outdir } = parseArguments(args);
  if (stacks.length === 0) {
    return fail(`name the stacks to ${mode}: npm run ${mode} -- <stack...>`, 2);
  }
  const locking = withLockTimeout({ CHECKPOINT_DISABLE: "1", ...process.env });
  if (locking.error) return fail(locking.error, 2);
  const syncProblem = syncTimeoutProblem(process.env);
  if (syncProblem) return fail(syncProblem, 2);
  const device = withDeviceCa(locking.env);
  if (device.error) return fail(device.error, 2);
  const { env } = device;
  const lockTimeout = locking.timeout;
  process.stdout.write(
    `da-manage-out ${mode}: a state lock held by another run is waited for up to ${lockTimeout} (DA_MANAGE_OUT_LOCK_TIMEOUT); Terraform says "Acquiring state lock" meanwhile\n`,
  );
  // Synthesized once here (cdktf synthesizes the same again), so the stacks are known before
  // Terraform runs: their backends are compared and initialised, then checked after cdktf.
  const names = synthesizedStacks(stacks, outdir, env);
  if (typeof names === "string") return fail(names, 1);
  const withoutCa = env.BIGIP_TRUSTED_CERT_PATH ? [] : verifyingStacks(names, outdir);
  if (withoutCa.length > 0) {
    return fail(
      `${withoutCa.join(", ")}: the provider verifies the BIG-IP's TLS certificate and needs the CA that signed it: set BIGIP_CA_FILE to that PEM file (doctor verifies with the same); only for a lab, bigip.validateCerts: false (docs/terraform.md#the-big-ips-tls-certificate)`,
      2,
    );
  }
  const moved = movedBackends(names, outdir);
  if (moved.length > 0) {
    for (const { stack, keys } of moved) {
      process.stderr.write(
        `da-manage-out ${mode}: ${stack}: the state backend changed (${keys.join(", ")}) since ${path.relative(ROOT, path.join(outdir, "stacks", stack)) || "."} was initialised; Terraform would stop at "Backend configuration changed". Move the state first: cd ${path.join(outdir, "stacks", stack)} && terraform init -migrate-state (docs/terraform.md, "Changing the backend"); to start that stack's state anew instead, delete its .terraform folder\n`,
      );
    }
    return 1;
  }
  const notInitialised = initialiseBackends(names, outdir, env);
  if (notInitialised !== undefined) return fail(notInitialised, 1);
  // The provider logs in on every plan and apply and never logs out. So: one login per device, its
  // token handed to that device's stacks alone (a cdktf run each) and deleted at the end, also on
  // failure, SIGINT or SIGTERM (lib/device/deploy-tokens.ts, built by the synth above).
  const { withDeployTokens } = require("../dist/deploy-tokens.js");
  return withDeployTokens({ command: mode, stacks: names, outdir, env }, async (tokens) => {
    let status = 0;
    for (const group of tokens.groups) {
      const cdktf = spawnCdktf([mode, ...group.stacks, ...options], group.env);
      status = (await tokens.wait(cdktf)) || status;
    }
    let failed = 0;
    for (const stack of names) {
      const stackEnv = tokens.envOf(stack);
      const ok =
        mode === "deploy"
          ? checkConverged(stack, outdir, stackEnv)
          : checkDestroyed(stack, outdir, stackEnv);
      if (!ok) failed += 1;
    }
    // cdktf does not always pass on Terraform's error (seen when the provider's login takes the
    // token-lifetime PATCH a real device's answer calls for): the checks above say what is left.
    if (status !== 0) {
      return fail(
        `cdktf ${mode} exited ${status}; ${failed} of ${names.length} stacks not done (see above). After an interrupted run: npx da-manage-out recover <stack>, then npm run ${mode} -- <stack> again`,
        status || 1,
      );
    }
    if (failed > 0) {
      return fail(
        `${failed} of ${names.length} stacks did not finish; the ${mode} is NOT done. After an interrupted run: npx da-manage-out recover <stack>, then npm run ${mode} -- <stack> again`,
        1,
      );
    }
    process.stdout.write(`da-manage-out ${mode}: ${names.join(", ")}: verified by Terraform\n`);
    // The config syncs of the run only started: wait for each device group to be In Sync.
    const synced = waitForConfigSync(names, env);
    if (synced !== 0) {
      return fail(
        `the ${mode} is applied on the device, but not confirmed on its HA peer: a device group is not In Sync (see above)`,
        synced,
      );
    }
    return 0;
  });
}

/** Stack names (or cdktf's patterns), the other arguments and the output folder. */
function parseArguments(args) {
  const stacks = [];
  const options = [];
  let outdir = process.env.CDKTF_OUTDIR || "cdktf.out";
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i];
    const [flag, inline] = arg.split(/=(.*)/s);
    if (OPTIONS_WITH_VALUE.has(flag)) {
      const value = inline !== undefined ? inline : args[++i];
      options.push(...(inline !== undefined ? [arg] : [arg, value]));
      if (flag === "--output" || flag === "-o") outdir = value;
    } else if (!arg.startsWith("-")) {
      stacks.push(arg);
    } else {
      options.push(arg);
    }
  }
  return { stacks, options, outdir: path.resolve(outdir) };
}

/** Runs the app (as cdktf will) and names the stacks the patterns match, or says what failed. */
function synthesizedStacks(patterns, outdir, env) {
  const synth = spawnSync(process.execPath, [path.join(__dirname, "run-app.cjs")], {
    cwd: ROOT,
    env: { ...env, CDKTF_OUTDIR: outdir },
    encoding: "utf8",
  });
  if (synth.status !== 0) {
    process.stderr.write(synth.stderr);
    return "the inventories did not synthesize; nothing was deployed";
  }
  return expandStacks(patterns, outdir);
}

/**
 * The stacks whose provider verifies the device's certificate: `validate_certs_disable` is false
 * unless the inventory says `validateCerts: false` (lib/constructs/provider-tls.ts).
 */
function verifyingStacks(names, outdir) {
  return names.filter((stack) => {
    const file = path.join(outdir, "stacks", stack, "cdk.tf.json");
    const [provider] = JSON.parse(fs.readFileSync(file, "utf8")).provider.bigip;
    return provider.validate_certs_disable !== true;
  });
}

/**
 * The stacks whose synthesized backend differs from the one their folder was initialised with
 * (`.terraform/terraform.tfstate`), with the keys that differ.
 */
function movedBackends(names, outdir) {
  const moved = [];
  for (const stack of names) {
    const folder = path.join(outdir, "stacks", stack);
    let initialised;
    let synthesized;
    try {
      initialised = JSON.parse(
        fs.readFileSync(path.join(folder, ".terraform", "terraform.tfstate"), "utf8"),
      ).backend;
      synthesized = JSON.parse(fs.readFileSync(path.join(folder, "cdk.tf.json"), "utf8")).terraform
        .backend;
    } catch {
      continue; // never initialised: Terraform initialises the backend as it is
    }
    if (!initialised || !synthesized) continue;
    const [type] = Object.keys(synthesized);
    if (initialised.type !== type) {
      moved.push({ stack, keys: [`type ${initialised.type} → ${type}`] });
      continue;
    }
    const config = synthesized[type] || {};
    const before = initialised.config || {};
    const keys = [...new Set([...Object.keys(config), ...Object.keys(before)])].filter(
      (key) => JSON.stringify(config[key] ?? null) !== JSON.stringify(before[key] ?? null),
    );
    if (keys.length > 0) moved.push({ stack, keys: keys.sort() });
  }
  return moved;
}

/**
 * The pg backend creates its table and the sequence `public.global_states_id_seq` (shared by every
 * schema of the database) with `CREATE ... IF NOT EXISTS`, which PostgreSQL does not make safe
 * against a second session doing the same at the same moment: two runners initialising their
 * first stacks in a new database at once failed with `pq: duplicate key value violates unique
 * constraint "pg_class_relname_nsp_index"` (seen in this project's shared-state test). So each
 * stack's backend is initialised here first, and that one race is retried; cdktf's own init then
 * finds it done. Any other init failure is cdktf's to report.
 * @returns what failed, or `undefined`
 */
function initialiseBackends(names, outdir, env) {
  for (const stack of names) {
    for (let attempt = 1; ; attempt += 1) {
      const init = terraform(stack, outdir, env, ["init", "-input=false"]);
      const output = `${init.stdout || ""}${init.stderr || ""}`;
      if (init.status === 0 || !/duplicate key value violates unique constraint/.test(output))
        break;
      if (attempt === 3)
        return `${stack}: terraform init failed three times on a PostgreSQL catalog race:\n${lastLines(init)}`;
      process.stderr.write(
        `da-manage-out: ${stack}: another runner created the pg backend's tables at the same moment; initialising again\n`,
      );
    }
  }
  return undefined;
}

/** Starts the project's cdktf CLI. */
function spawnCdktf(args, env) {
  return spawn(process.execPath, [path.join(__dirname, "cdktf.cjs"), ...args], {
    cwd: ROOT,
    env,
    stdio: "inherit",
  });
}

/** The stacks the patterns name, as the synthesized manifest lists them, or what is wrong. */
function expandStacks(patterns, outdir) {
  let known;
  try {
    known = Object.keys(
      JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")).stacks,
    );
  } catch {
    return `no synthesized stacks in ${outdir}: cannot check what cdktf did`;
  }
  const names = [];
  for (const pattern of patterns) {
    const regex = new RegExp(
      `^${pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`,
    );
    const matched = known.filter((name) => regex.test(name));
    if (matched.length === 0)
      return `no stack ${JSON.stringify(pattern)} among ${known.join(", ")}`;
    for (const name of matched) if (!names.includes(name)) names.push(name);
  }
  return names;
}

function terraform(stack, outdir, env, args) {
  return spawnSync("terraform", [...args, "-no-color"], {
    cwd: path.join(outdir, "stacks", stack),
    env,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
}

/** After a deploy: the plan finds nothing to do (`-detailed-exitcode`: 0 clean, 2 changes). */
function checkConverged(stack, outdir, env) {
  // TF_CLI_ARGS_plan carries the lock timeout.
  const plan = terraform(stack, outdir, env, ["plan", "-detailed-exitcode", "-input=false"]);
  if (plan.status === 0) {
    process.stdout.write(
      `da-manage-out deploy: ${stack}: converged (the plan after the deploy finds no changes)\n`,
    );
    return true;
  }
  if (plan.status === 2) {
    const pending = plan.stdout
      .split("\n")
      .filter((line) => /^\s+# \S+ (will|must) be /.test(line) || /^Plan: /.test(line))
      .map((line) => `  ${line.trim()}`);
    process.stderr.write(
      `da-manage-out deploy: ${stack}: NOT converged: after the deploy Terraform still plans changes\n${pending.join("\n")}\n`,
    );
    return false;
  }
  process.stderr.write(
    `da-manage-out deploy: ${stack}: the plan after the deploy failed (exit ${plan.status}):\n${lastLines(plan)}\n`,
  );
  return false;
}

/** After a destroy: the state holds no resource. */
function checkDestroyed(stack, outdir, env) {
  const list = terraform(stack, outdir, env, ["state", "list"]);
  if (list.status !== 0) {
    process.stderr.write(
      `da-manage-out destroy: ${stack}: cannot read the state:\n${lastLines(list)}\n`,
    );
    return false;
  }
  const left = list.stdout.split("\n").filter((line) => line.trim() !== "");
  if (left.length === 0) {
    process.stdout.write(`da-manage-out destroy: ${stack}: destroyed (the state holds nothing)\n`);
    return true;
  }
  process.stderr.write(
    `da-manage-out destroy: ${stack}: NOT destroyed: the state still holds ${left.length} resources, e.g. ${left.slice(0, 3).join(", ")}\n`,
  );
  return false;
}

function lastLines(result) {
  const text = `${result.stdout || ""}${result.stderr || ""}${result.error ? String(result.error.message) : ""}`;
  return text.trim().split("\n").slice(-15).join("\n");
}

function fail(message, status) {
  process.stderr.write(`da-manage-out: ${message}\n`);
  return status;
}

Promise.resolve(main(process.argv.slice(2))).then((status) => {
  process.exitCode = status;
});
