/**
 * Inventory names are any letters-and-digits word, and some such words are members of every
 * JavaScript object: `constructor`, `toString`, `valueOf`, `hasOwnProperty`, `isPrototypeOf`...
 * constructs 10 keeps a construct's children in a plain object (`node._children = {}`) and asks
 * `name in children` and `children[name]`, so a child named `constructor` is "found" before it
 * exists: synth died with "There is already a Construct with name 'constructor'". Every scope
 * whose children carry entry point and server names gets a children object without a prototype.
 * (Stack names cannot be such words: cdktf itself keys references by stack name in plain
 * objects, so the stack-names rule refuses them.) This reaches into a private field of constructs:
 * 10.4 creates it in the constructor, 10.6 on the first child (`this._children ??= {}` in effect),
 * so a scope without children yet gets its prototype-free object here. The construct-ids test says
 * whether such names still synthesize with the constructs version installed.
 */
import type { IConstruct } from "constructs";

/** Makes `scope`'s children a prototype-free object, so that any name can be a child's id. */
export function acceptAnyChildName(scope: IConstruct): void {
  const node = scope.node as unknown as { _children?: unknown };
  if (node._children === undefined) node._children = Object.create(null);
  else withoutPrototype(node._children);
}

function withoutPrototype(value: unknown): void {
  if (typeof value === "object" && value !== null && Object.getPrototypeOf(value) !== null) {
    Object.setPrototypeOf(value, null);
  }
}
