/** The `da-manage-out` command line: dispatches to one command per file in this folder. */
import { parseArgs } from "node:util";
import { version } from "../../package.json";
import { adoptCommand } from "./adopt-command";
import { auditCommand } from "./audit-command";
import { cdktfCommand } from "./cdktf-command";
import { changesCommand } from "./changes-command";
import { deployCommand, destroyCommand } from "./deploy-command";
import { doctorCommand } from "./doctor-command";
import { UsageError, type Command } from "./command";
import { EXIT } from "./exit-codes";
import { explainCommand } from "./explain-command";
import { importFactsCommand } from "./import-facts-command";
import { planCommentCommand } from "./plan-comment-command";
import { escapeInvisible, showValue } from "../io/show-value";
import { closestName } from "../text";
import { processOutput, type Output } from "./output";
import { recoverCommand } from "./recover-command";
import { reportCommand } from "./report-command";
import { routesCommand } from "./routes-command";
import { syncStatusCommand } from "./sync-status-command";
import { validateCommand } from "./validate-command";

/** Every command, in the order of the help text. */
const COMMANDS: readonly Command[] = [
  validateCommand,
  importFactsCommand,
  explainCommand,
  routesCommand,
  reportCommand,
  adoptCommand,
  changesCommand,
  planCommentCommand,
  doctorCommand,
  auditCommand,
  syncStatusCommand,
  recoverCommand,
  deployCommand,
  destroyCommand,
  cdktfCommand,
];

const HELP = `Usage: da-manage-out <command> [options]
       da-manage-out help <command>
       da-manage-out --version (-V, -v)

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(14)}${command.summary}`).join("\n")}

Run da-manage-out <command> --help for a command's options. Only doctor, audit, sync-status,
recover, deploy and destroy talk to a BIG-IP: each inventory's own (bigip.host), with the login
from the environment; doctor, audit and sync-status only read, recover deletes only with --apply,
deploy and destroy change it through Terraform (cdktf runs Terraform as told).
Exit codes: 0 ok, 1 invalid input, 2 usage or I/O error, 3 no match (explain).
`;

/**
 * Runs the command line; returns the exit code, or a promise of it for the commands that talk to
 * the device. Never throws for bad input.
 */
export function main(args: string[], output: Output = processOutput): number | Promise<number> {
  // Last line of defence: whatever a command prints, no control or invisible character but line
  // feeds and tabs reaches a terminal or a CI log raw (each value is escaped where it is shown).
  const out: Output = {
    stdout: (text) => output.stdout(escapeInvisible(text, "\n\t")),
    stderr: (text) => output.stderr(escapeInvisible(text, "\n\t")),
  };
  const [name, ...rest] = args;
  if (name === "--version" || name === "-V" || name === "-v") {
    out.stdout(`${version}\n`);
    return EXIT.ok;
  }
  // `help <command>` is `<command> --help`, as git and npm have it.
  const helped =
    name === "help" ? COMMANDS.find((candidate) => candidate.name === rest[0]) : undefined;
  if (helped) {
    out.stdout(helped.help);
    return EXIT.ok;
  }
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    out.stdout(HELP);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    out.stderr(`da-manage-out: unknown command '${showValue(name)}'\n\n${HELP}`);
    return EXIT.usage;
  }
  if (command.passThrough && (rest[0] === "--help" || rest[0] === "-h")) {
    out.stdout(command.help);
    return EXIT.ok;
  }
  try {
    const { values, positionals } = command.passThrough
      ? { values: {}, positionals: rest }
      : parseArgs({
          args: rest,
          allowPositionals: true,
          options: { ...command.options, help: { type: "boolean", short: "h" } },
        });
    if ("help" in values && values.help) {
      out.stdout(command.help);
      return EXIT.ok;
    }
    const result = command.run(values, positionals, out);
    return typeof result === "number"
      ? result
      : result.catch((error: unknown) => usageExit(name, error, out));
  } catch (error) {
    return usageExit(name, error, out);
  }
}

/**
 * Wrong usage or an I/O error (a missing folder, a directory, a permission, a full disk): one line
 * and exit 2; anything else is a bug and rethrown.
 */
function usageExit(name: string, error: unknown, out: Output): number {
  // parseArgs throws on unknown options and missing option values.
  const { code, syscall, path } = error as NodeJS.ErrnoException;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    // Node's text adds a hint about '--' and a stray quote; say what is meant, with a suggestion.
    const option = /option '([^']*)'/i.exec((error as Error).message)?.[1] ?? "";
    const command = COMMANDS.find((candidate) => candidate.name === name);
    const known = Object.keys({ ...command?.options, help: true }).map((key) => `--${key}`);
    const closest = closestName(option, known);
    out.stderr(
      `da-manage-out ${name}: unknown option ${showValue(option, 80)}${closest ? `; did you mean ${closest}?` : ""} (da-manage-out ${name} --help lists the options)\n`,
    );
    return EXIT.usage;
  }
  if (error instanceof UsageError || code?.startsWith("ERR_PARSE_ARGS")) {
    out.stderr(`da-manage-out ${name}: ${showValue((error as Error).message, 400)}\n`);
    return EXIT.usage;
  }
  if (typeof code === "string" && typeof syscall === "string") {
    const where = path === undefined ? "" : ` ${showValue(path)}`;
    out.stderr(`da-manage-out ${name}: cannot ${syscall}${where}: ${code}\n`);
    return EXIT.usage;
  }
  throw error;
}
