/**
 * The engine this copy of the library runs on, and the check that an app is of the same engine.
 * The package ships one build per engine: `da-manage-out` (cdktf) and `da-manage-out/cdktn` (CDK
 * Terrain). Both engines keep cdktf's `Symbol.for("cdktf/…")` markers, so a construct of one
 * passes the other's type checks, and a mix used to crash only inside `App.synth`
 * (`e._resetResolveDiscoveredProviderFeatureUsage is not a function`). The engine of a class is
 * read from its jsii type information (`cdktf.App`, `cdktn.App`): the cdktn build is the same
 * source compiled against cdktn, so it knows its engine without a constant of its own.
 */
import { App } from "./cdk";
import type { IConstruct } from "constructs";

/** Each engine's import of this library (package.json `exports`). */
export const LIBRARY_IMPORTS = { cdktf: "da-manage-out", cdktn: "da-manage-out/cdktn" } as const;
type Engine = keyof typeof LIBRARY_IMPORTS;

const JSII_TYPE_INFORMATION = Symbol.for("jsii.rtti");

/** The engine a class (or the nearest base class with jsii type information) belongs to. */
function engineOfClass(type: unknown): Engine | undefined {
  for (
    let current = type;
    typeof current === "function";
    current = Object.getPrototypeOf(current)
  ) {
    const information = (current as { [JSII_TYPE_INFORMATION]?: { fqn?: string } })[
      JSII_TYPE_INFORMATION
    ];
    const engine = information?.fqn?.split(".")[0];
    if (engine !== undefined && Object.hasOwn(LIBRARY_IMPORTS, engine)) return engine as Engine;
  }
  return undefined;
}

/** The engine this copy of the library was compiled for. */
export const ENGINE: Engine = engineOfClass(App) ?? "cdktf";

/**
 * `scope`, once its app is known to be of this library's engine (a root of no engine, a bare
 * `Construct`, is left to the engine's own checks). Throws, naming the import to use, when the
 * app is of the other engine.
 */
export function sameEngineScope<T extends IConstruct>(scope: T, construct: string): T {
  const engine = engineOfClass(scope.node.root.constructor);
  if (engine !== undefined && engine !== ENGINE) {
    throw new Error(
      `${construct} comes from "${LIBRARY_IMPORTS[ENGINE]}" (built for ${ENGINE}), but its app is a ${engine} App: import it from "${LIBRARY_IMPORTS[engine]}"`,
    );
  }
  return scope;
}
