// How long Terraform waits for a state lock held by another run (another runner deploying the same
// stack; with the pg backend, the first deploy of any stack of the database) before it fails:
// DA_MANAGE_OUT_LOCK_TIMEOUT, default 15m. cdktf has no flag for it; Terraform takes it from
// TF_CLI_ARGS_<command>, which are left alone when they already give one.
//
// The value is checked here as Terraform reads it: `-lock-timeout` is a Go flag.DurationVar
// (hashicorp/terraform internal/command/arguments/extended.go), parsed by Go's
// time.ParseDuration (go/src/time/format.go). A value it refuses ("900" without a unit, more
// than int64 nanoseconds) would fail every plan, apply and destroy with "invalid value ... for
// flag -lock-timeout"; it is refused before anything runs instead.
const DEFAULT_LOCK_TIMEOUT = "15m";

/** Go's duration units (time.ParseDuration's unitMap), in nanoseconds. */
const UNITS = new Map([
  ["ns", 1n],
  ["us", 1000n],
  ["\u00b5s", 1000n], // U+00B5 MICRO SIGN
  ["\u03bcs", 1000n], // U+03BC GREEK SMALL LETTER MU
  ["ms", 1000000n],
  ["s", 1000000000n],
  ["m", 60n * 1000000000n],
  ["h", 3600n * 1000000000n],
]);

/** 2^63: one more than the longest Go duration (int64 nanoseconds, 2562047h47m16.854775807s). */
const TWO_TO_63 = 1n << 63n;

const UNIT_LIST = "ns, us, ms, s, m, h";

/**
 * `text` as Go's time.ParseDuration reads it, `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or `0`, with its
 * overflow checks and its float64 arithmetic for fractions: `{ nanoseconds }` (a BigInt), or
 * `{ reason }` why Go refuses it.
 */
function parseGoDuration(text) {
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return { nanoseconds: 0n };
  if (rest === "") return { reason: "it holds no duration" };
  let total = 0n;
  while (rest !== "") {
    const number = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest);
    const [whole, integer, fraction] = number;
    if (integer === "" && !fraction) {
      return { reason: "each part is a number followed by a unit, such as 15m or 1h30m" };
    }
    rest = rest.slice(whole.length);
    const unitText = /^[^0-9.]*/.exec(rest)[0];
    rest = rest.slice(unitText.length);
    if (unitText === "") {
      return { reason: `a number needs a unit (${UNIT_LIST})` };
    }
    const unit = UNITS.get(unitText);
    if (unit === undefined) {
      return { reason: `${quoted(unitText)} is not a unit (${UNIT_LIST})` };
    }
    const value = BigInt(integer || "0");
    if (value > TWO_TO_63 / unit) return tooLong();
    let nanoseconds = value * unit;
    if (fraction) {
      const { digits, scale } = leadingFraction(fraction);
      // Go: v += uint64(float64(f) * (float64(unit) / scale)), truncated.
      nanoseconds += BigInt(Math.trunc(Number(digits) * (Number(unit) / scale)));
      if (nanoseconds > TWO_TO_63) return tooLong();
    }
    total += nanoseconds;
    if (total > TWO_TO_63) return tooLong();
  }
  if (negative) return { nanoseconds: -total };
  if (total > TWO_TO_63 - 1n) return tooLong();
  return { nanoseconds: total };
}

/** Go's leadingFraction: the digits until they would overflow, and 10^(digits kept). */
function leadingFraction(fraction) {
  let digits = 0n;
  let scale = 1;
  for (const char of fraction) {
    if (digits > (TWO_TO_63 - 1n) / 10n) break;
    const next = digits * 10n + BigInt(char);
    if (next > TWO_TO_63) break;
    digits = next;
    scale *= 10;
  }
  return { digits, scale };
}

function tooLong() {
  return {
    reason:
      "it is longer than Terraform can wait: Go durations end at 2562047h47m16.854775807s (int64 nanoseconds)",
  };
}

/** `value` quoted and escaped for a message, at most 60 characters of it. */
function quoted(value) {
  const shown = [...value].length > 60 ? `${[...value].slice(0, 60).join("")}…` : value;
  return JSON.stringify(shown).replace(
    /[\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The environment with `-lock-timeout` for plan, apply and destroy, and the timeout; or an error
 * message when DA_MANAGE_OUT_LOCK_TIMEOUT is not a duration Terraform reads.
 */
function withLockTimeout(env) {
  const timeout = env.DA_MANAGE_OUT_LOCK_TIMEOUT || DEFAULT_LOCK_TIMEOUT;
  const parsed = parseGoDuration(timeout);
  if (parsed.reason !== undefined) {
    return {
      error: `DA_MANAGE_OUT_LOCK_TIMEOUT is ${quoted(timeout)}, which Terraform's -lock-timeout does not take: ${parsed.reason}; write a duration such as 900s, 15m or 1h`,
    };
  }
  const result = { ...env };
  for (const command of ["plan", "apply", "destroy"]) {
    const name = `TF_CLI_ARGS_${command}`;
    if (!(result[name] || "").includes("-lock-timeout")) {
      result[name] = `${result[name] ? `${result[name]} ` : ""}-lock-timeout=${timeout}`;
    }
  }
  return { env: result, timeout };
}

module.exports = { parseGoDuration, quoted, withLockTimeout };
