/** The `da-manage-out` command line: dispatches to one command per file in this folder. */
import { EXIT } from "./exit-codes";
import { processOutput, type Output } from "./output";
import { validateCommand } from "./validate-command";

/** Every command, by name. */
const COMMANDS: Record<string, { summary: string; run: (args: string[], out: Output) => number }> =
  {
    validate: { summary: "check inventory files and print every problem", run: validateCommand },
  };

const HELP = `Usage: da-manage-out <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(12)}${command.summary}`)
  .join("\n")}

Run da-manage-out <command> --help for a command's options.
`;

/** Runs the command line; returns the exit code. Never throws for bad input. */
export function main(args: string[], out: Output = processOutput): number {
  const [name, ...rest] = args;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    out.stdout(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    out.stderr(`da-manage-out: unknown command '${name}'\n\n${HELP}`);
    return EXIT.usage;
  }
  try {
    return command.run(rest, out);
  } catch (error) {
    // parseArgs throws on unknown options and missing option values.
    const code = (error as NodeJS.ErrnoException).code;
    if (code?.startsWith("ERR_PARSE_ARGS")) {
      out.stderr(`da-manage-out ${name}: ${(error as Error).message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
