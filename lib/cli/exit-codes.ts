/** Exit codes shared by every da-manage-out command. */
export const EXIT = {
  /** Success: the input is valid (warnings allowed). */
  ok: 0,
  /** The input is invalid: an inventory has errors, or an argument is not what it must be. */
  invalidInput: 1,
  /** Wrong usage (unknown command or option) or a file that cannot be read. */
  usage: 2,
  /** `explain`: no entry handles the address. */
  noMatch: 3,
} as const;
