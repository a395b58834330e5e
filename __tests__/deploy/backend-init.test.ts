/** Each stack's backend initialised before cdktf, the pg catalog race retried (lib/deploy/backend-init.ts). */
import { initialiseBackends } from "../../lib/deploy/backend-init";
import { recordingOutput, recordingRunner } from "./recorder";

const RACE = {
  status: 1,
  stderr:
    'Error: pq: duplicate key value violates unique constraint "pg_class_relname_nsp_index"\n',
};
const where = { outdir: "/out", env: {} };

test("one init per stack; another failure is left to cdktf", () => {
  const { run, calls } = recordingRunner({ status: 0 }, { status: 1, stderr: "Error: other\n" });
  const out = recordingOutput();
  expect(initialiseBackends(["east", "west"], { ...where, run }, out)).toBeUndefined();
  expect(calls.map((call) => [call.options.cwd, call.args])).toEqual([
    ["/out/stacks/east", ["init", "-input=false", "-no-color"]],
    ["/out/stacks/west", ["init", "-input=false", "-no-color"]],
  ]);
  expect(out.written.stderr).toBe("");
});

test("the race is retried, and said so", () => {
  const { run, calls } = recordingRunner(RACE, { status: 0 });
  const out = recordingOutput();
  expect(initialiseBackends(["east"], { ...where, run }, out)).toBeUndefined();
  expect(calls).toHaveLength(2);
  expect(out.written.stderr).toBe(
    "da-manage-out: east: another runner created the pg backend's tables at the same moment; initialising again\n",
  );
});

test("three races in a row: what failed", () => {
  const { run, calls } = recordingRunner(RACE);
  const out = recordingOutput();
  expect(initialiseBackends(["east", "west"], { ...where, run }, out)).toBe(
    `east: terraform init failed three times on a PostgreSQL catalog race:\n${RACE.stderr.trim()}`,
  );
  expect(calls).toHaveLength(3);
});
