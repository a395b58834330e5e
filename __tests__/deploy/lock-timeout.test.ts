/**
 * DA_MANAGE_OUT_LOCK_TIMEOUT (lib/deploy/lock-timeout.ts, lib/deploy/go-duration.ts) is read as Terraform reads -lock-timeout,
 * with Go's time.ParseDuration: a value Terraform would refuse ("invalid value ... for flag
 * -lock-timeout" on every plan, apply and destroy) is refused by the wrapper, before anything
 * runs. The accepted and refused values below were checked against Terraform 1.11.4.
 */
import { spawnSync } from "node:child_process";
import { parseGoDuration } from "../../lib/deploy/go-duration";
import { withLockTimeout } from "../../lib/deploy/lock-timeout";

const SECOND = 1_000_000_000n;

test.each([
  ["15m", 900n * SECOND],
  ["900s", 900n * SECOND],
  ["1h30m", 5400n * SECOND],
  ["1.5h", 5400n * SECOND],
  [".5s", SECOND / 2n],
  ["1.s", SECOND],
  ["01s", SECOND],
  ["0", 0n],
  ["+0", 0n],
  ["-1s", -SECOND],
  ["5us", 5000n],
  ["5\u00b5s", 5000n],
  ["5\u03bcs", 5000n],
  ["0.0000000001s", 0n],
  ["2562047h47m16.854775807s", 9223372036854775807n],
  ["9223372036854775807ns", 9223372036854775807n],
  ["-9223372036854775808ns", -9223372036854775808n],
])("Go reads %j as %d ns", (text, nanoseconds) => {
  expect(parseGoDuration(text)).toEqual({ nanoseconds });
});

const TOO_LONG =
  "it is longer than Terraform can wait: Go durations end at 2562047h47m16.854775807s (int64 nanoseconds)";

test.each([
  ["900", "a number needs a unit (ns, us, ms, s, m, h)"],
  ["00", "a number needs a unit (ns, us, ms, s, m, h)"],
  ["99999999999999999999h", TOO_LONG],
  ["2562048h", TOO_LONG],
  ["2562047h47m16.854775808s", TOO_LONG],
  ["9223372036854775808ns", TOO_LONG],
  ["1d", `'d' is not a unit (ns, us, ms, s, m, h)`],
  ["15M", `'M' is not a unit (ns, us, ms, s, m, h)`],
  ["1e3s", `'e' is not a unit (ns, us, ms, s, m, h)`],
  ["1h 30m", `'h ' is not a unit (ns, us, ms, s, m, h)`],
  [".s", "each part is a number followed by a unit, such as 15m or 1h30m"],
  ["h", "each part is a number followed by a unit, such as 15m or 1h30m"],
  ["-", "it holds no duration"],
])("Go refuses %j: %s", (text, reason) => {
  expect(parseGoDuration(text)).toEqual({ reason });
});

describe("withLockTimeout", () => {
  test("sets -lock-timeout for plan, apply and destroy, 15m by default", () => {
    expect(withLockTimeout({ PATH: "/bin" })).toEqual({
      env: {
        PATH: "/bin",
        TF_CLI_ARGS_plan: "-lock-timeout=15m",
        TF_CLI_ARGS_apply: "-lock-timeout=15m",
        TF_CLI_ARGS_destroy: "-lock-timeout=15m",
      },
      timeout: "15m",
    });
  });

  test("adds to TF_CLI_ARGS_<command>, and leaves a -lock-timeout given there alone", () => {
    const { env } = withLockTimeout({
      DA_MANAGE_OUT_LOCK_TIMEOUT: "1h",
      TF_CLI_ARGS_plan: "-parallelism=2",
      TF_CLI_ARGS_apply: "-lock-timeout=5m",
    });
    expect(env).toMatchObject({
      TF_CLI_ARGS_plan: "-parallelism=2 -lock-timeout=1h",
      TF_CLI_ARGS_apply: "-lock-timeout=5m",
      TF_CLI_ARGS_destroy: "-lock-timeout=1h",
    });
  });

  test.each([
    [
      "900",
      `DA_MANAGE_OUT_LOCK_TIMEOUT is '900', which Terraform's -lock-timeout does not take: a number needs a unit (ns, us, ms, s, m, h); write a duration such as 900s, 15m or 1h`,
    ],
    [
      "99999999999999999999h",
      `DA_MANAGE_OUT_LOCK_TIMEOUT is '99999999999999999999h', which Terraform's -lock-timeout does not take: ${TOO_LONG}; write a duration such as 900s, 15m or 1h`,
    ],
    [
      "1h\u001b[2K\u202e",
      `DA_MANAGE_OUT_LOCK_TIMEOUT is '1h<U+001B ESCAPE>[2K<U+202E RIGHT-TO-LEFT OVERRIDE>', which Terraform's -lock-timeout does not take: 'h<U+001B ESCAPE>[' is not a unit (ns, us, ms, s, m, h); write a duration such as 900s, 15m or 1h`,
    ],
  ])("refuses %j, showing it escaped", (value, error) => {
    expect(withLockTimeout({ DA_MANAGE_OUT_LOCK_TIMEOUT: value })).toEqual({ error });
  });
});

test.each([
  ["cdktf", "synth"],
  ["deploy", "east"],
])("da-manage-out %s stops before anything runs, exit 2", (...args) => {
  const result = spawnSync(process.execPath, ["bin/da-manage-out.js", ...args], {
    encoding: "utf8",
    env: { ...process.env, DA_MANAGE_OUT_LOCK_TIMEOUT: "900" },
  });
  expect([result.status, result.stdout, result.stderr]).toEqual([
    2,
    "",
    `da-manage-out: DA_MANAGE_OUT_LOCK_TIMEOUT is '900', which Terraform's -lock-timeout does not take: a number needs a unit (ns, us, ms, s, m, h); write a duration such as 900s, 15m or 1h\n`,
  ]);
});
