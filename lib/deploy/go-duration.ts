/**
 * Go's `time.ParseDuration` (go/src/time/format.go), as Terraform reads `-lock-timeout` (a Go
 * flag.DurationVar, hashicorp/terraform internal/command/arguments/extended.go). The one parser of
 * DA_MANAGE_OUT_LOCK_TIMEOUT and DA_MANAGE_OUT_SYNC_TIMEOUT, so both take the same values.
 */
import { showValue } from "../io/show-value";

/** Go's duration units (time.ParseDuration's unitMap), in nanoseconds. */
const UNITS = new Map<string, bigint>([
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

/** A duration Go reads (`nanoseconds`), or why Go refuses the text (`reason`). */
export type GoDuration = { nanoseconds: bigint; reason?: undefined } | { reason: string };

/**
 * `text` as Go's time.ParseDuration reads it, `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+` or `0`, with its
 * overflow checks and its float64 arithmetic for fractions.
 */
export function parseGoDuration(text: string): GoDuration {
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
    const [whole, integer, fraction] = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest) as RegExpExecArray;
    if (integer === "" && !fraction) {
      return { reason: "each part is a number followed by a unit, such as 15m or 1h30m" };
    }
    rest = rest.slice(whole.length);
    const unitText = (/^[^0-9.]*/.exec(rest) as RegExpExecArray)[0];
    rest = rest.slice(unitText.length);
    if (unitText === "") return { reason: `a number needs a unit (${UNIT_LIST})` };
    const unit = UNITS.get(unitText);
    if (unit === undefined)
      return { reason: `'${showValue(unitText, 60)}' is not a unit (${UNIT_LIST})` };
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
function leadingFraction(fraction: string): { digits: bigint; scale: number } {
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

function tooLong(): GoDuration {
  return {
    reason:
      "it is longer than Terraform can wait: Go durations end at 2562047h47m16.854775807s (int64 nanoseconds)",
  };
}
