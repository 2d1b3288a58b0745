// `JSON.stringify` within a budget, entirely in JavaScript: the boundary's one JS snippet
// (src/wasm/mod.rs `to_json`). It is plain JS on purpose: JSON.stringify recurses once per level of
// the value, and a replacer that crossed into wasm at every member could be interrupted by the
// engine's stack-overflow RangeError inside Rust code holding a borrow (wasm-bindgen's externref
// slab), which left the module unusable. Here the recursion stays shallow (`maxDepth`) and every
// failure (budget, depth, a cycle, a throwing getter or toJSON, a BigInt, the engine's own stack
// limit) is caught in JS: the result is the text, or `undefined`.
export function stringify_bounded(value, maxMembers, maxDepth) {
  let left = maxMembers;
  // The objects on the path from the root to the member being visited, outermost first.
  const path = [];
  try {
    return JSON.stringify(value, function (key, member) {
      if (--left < 0) throw null;
      // `this` is the holder of `member`: the path is cut back to it.
      let depth = path.length;
      while (depth > 0 && path[depth - 1] !== this) depth--;
      path.length = depth;
      if (member !== null && typeof member === "object") {
        if (depth >= maxDepth) throw null;
        path.push(member);
      }
      return member;
    });
  } catch {
    return undefined;
  }
}
