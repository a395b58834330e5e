import * as path from "node:path";
import { localStateFile } from "../state-location";
import type { Problem } from "../problem";
import type { InventoryRule } from "./rule";

/**
 * Rule: a local backend's `path` names a `.tfstate` file outside the inventories: Terraform
 * writes the whole state there on every run, over whatever the file held.
 */
export const statePath: InventoryRule = {
  id: "state-path",
  summary: "a local backend's path is a .tfstate file outside the inventories folder",
  check({ source, document }) {
    const backend = document.terraform?.backend;
    if (backend?.type !== "local" || backend.path === undefined) return [];
    const where = ["terraform", "backend", "path"];
    const problems: Problem[] = [];
    if (!/\.tfstate$/i.test(backend.path)) {
      problems.push(
        source.problemAt(where, {
          message: "must name a .tfstate file",
          value: backend.path,
          hint: "Terraform writes the whole state there on every run, over what the file held; e.g. state/lab.tfstate",
        }),
      );
    }
    const file = localStateFile("", backend)!;
    const folders = [path.resolve("inventories"), path.dirname(path.resolve(source.file))];
    const inside = folders.find((folder) =>
      (file.toLowerCase() + path.sep).startsWith(folder.toLowerCase() + path.sep),
    );
    if (inside !== undefined) {
      problems.push(
        source.problemAt(where, {
          message: "lies in the inventories folder",
          value: backend.path,
          hint: "Terraform would write its state among the inventories (and over one of the same name); keep state files elsewhere, e.g. state/lab.tfstate",
        }),
      );
    }
    return problems;
  },
};
