// The public create validators of itcare-postgresql, in front of the wasm exports (issue 7).
//
// The full exports read any JS value as JSON (JSON.stringify + serde_json, ~6 µs for a request)
// and build each issue through serde-wasm-bindgen. When every known field already has its
// expected primitive type, these wrappers call the low-level exports `__validateCreateFast` /
// `__validateCreateFieldFast` instead: typed arguments, the SAME Rust rule code, issues back as
// one packed string (`path␟code␟message␟rule`, issues joined by ␞). Anything else — wrong
// types, nested objects, class instances, `toJSON`, huge texts, a getter that throws — goes to
// the full export, so the results are the same for every input (tests/node/fast.test.mjs).
//
// `inline.cjs` inlines this file (scripts/assemble-pkg.mjs drops the `export` keyword).

export function fastValidators(w) {
  const slowCreate = w.validateCreatePostgresql;
  const slowField = w.validateCreatePostgresqlField;
  const fastCreate = w.__validateCreateFast;
  const fastField = w.__validateCreateFieldFast;
  const ObjectProto = Object.prototype;
  const getProto = Object.getPrototypeOf;
  const keysOf = Object.keys;
  const hasOwn = Function.prototype.call.bind(ObjectProto.hasOwnProperty);
  const isEnumerable = Function.prototype.call.bind(ObjectProto.propertyIsEnumerable);
  // Longest text passed as is: the full path's walk cuts texts there (65536 UTF-16 units).
  const MAX_TEXT = 65536;
  // Past these the full path may read the request by its bounded walk instead of JSON:
  // at most 64 keys and 100 000 characters of keys and texts (JSON text < 1 MiB units).
  const MAX_KEYS = 64;
  const MAX_CHARS = 100000;
  // A lone surrogate makes serde_json refuse the JSON text, and the full path then reads the
  // request by its walk, which also sees non-enumerable members: such requests go there.
  const nativeWellFormed = String.prototype.isWellFormed;
  const wellFormed = nativeWellFormed
    ? (s) => nativeWellFormed.call(s)
    : (s) => !/[\ud800-\udfff]/.test(s);
  // Each known field of `__validateCreateFast`: [name, kind, position]. Kind 1: a text, joined
  // into `texts` at that position (presence bit 15 + position of `flags`); 2: a number, passed
  // as argument 1 + position; 3: a boolean (two bits at that position of `flags`); 4: an
  // optional C11 text (one bit at that position: only "is a text" matters to its rule);
  // 0: goes fast only when absent or null.
  const KIND = { __proto__: null };
  const POS = { __proto__: null };
  [
    ["name", 1, 0], ["nodeSizing", 1, 1], ["admPassword", 1, 2], ["topology", 1, 3],
    ["trigram", 1, 4], ["nodePrefix", 1, 5], ["az", 1, 6], ["area", 1, 7], ["productCode", 1, 8],
    ["diskSize", 2, 0], ["serviceId", 2, 1], ["networkId", 2, 2],
    ["allowedReplicationLag", 2, 3], ["cloudId", 2, 4],
    ["tls", 3, 0], ["backupEnabled", 3, 2], ["replicationEnabled", 3, 4],
    ["dbBackupPolicyId", 4, 6], ["noBackupProdReason", 4, 7], ["noMonitoringProdReason", 4, 8],
    ["noReplicationProdReason", 4, 9], ["prefix", 4, 10], ["region", 4, 11],
    ["regulation", 4, 12], ["serverBackupPolicyId", 4, 13], ["supportLevel", 4, 14],
    ["product", 0, 0],
  ].forEach(([name, kind, pos]) => {
    KIND[name] = kind;
    POS[name] = pos;
  });
  const SEP = "\u001f";

  function unpack(packed) {
    const out = [];
    if (packed === "") return out;
    const issues = packed.split("\u001e");
    for (let i = 0; i < issues.length; i++) {
      const p = issues[i].split("\u001f");
      out.push({ path: p[0], code: p[1], message: p[2], rule: p[3] });
    }
    return out;
  }

  // A plain object (literal, Object.create(null), JSON.parse) that JSON reads member by member.
  function plain(v) {
    if (typeof v !== "object" || v === null) return false;
    const proto = getProto(v);
    return (proto === ObjectProto || proto === null) && v.toJSON === undefined;
  }

  // The packed issues of `request`, or undefined when only the full path reads it the same way.
  function createFast(request, options) {
    const keys = keysOf(request);
    if (keys.length > MAX_KEYS) return undefined;
    const t9 = ["", "", "", "", "", "", "", "", ""];
    const n5 = [NaN, NaN, NaN, NaN, NaN];
    let flags = 0;
    let chars = 0;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      const v = request[k];
      const t = typeof v;
      chars += k.length;
      if (!wellFormed(k)) return undefined;
      if (t === "string") {
        if (v.length > MAX_TEXT || !wellFormed(v)) return undefined;
        chars += v.length;
      } else if (t === "bigint" || (t === "object" && v !== null)) {
        return undefined;
      }
      const kind = KIND[k];
      // Unknown keys are ignored (C11); undefined, null, functions and symbols are absent.
      if (kind === undefined || v == null || t === "function" || t === "symbol") continue;
      const pos = POS[k];
      if (kind === 1) {
        if (t !== "string" || v.includes(SEP)) return undefined;
        t9[pos] = v;
        flags |= 1 << (15 + pos);
      } else if (kind === 2) {
        if (t !== "number") return undefined;
        // Integers beyond 2^53 are the one number JSON and the full path's walk read apart.
        if (v % 1 === 0 && (v > 9007199254740991 || v < -9007199254740991)) return undefined;
        n5[pos] = v;
      } else if (kind === 3) {
        if (t !== "boolean") return undefined;
        flags |= (v ? 2 : 1) << pos;
      } else if (kind === 4) {
        if (t !== "string") return undefined;
        flags |= 1 << pos;
      } else {
        return undefined;
      }
    }
    if (chars > MAX_CHARS) return undefined;
    const texts = t9[0] + SEP + t9[1] + SEP + t9[2] + SEP + t9[3] + SEP + t9[4] + SEP + t9[5] +
      SEP + t9[6] + SEP + t9[7] + SEP + t9[8];
    return fastCreate(texts, n5[0], n5[1], n5[2], n5[3], n5[4], flags, options);
  }

  /** Same contract as the wasm export (see its .d.ts). */
  function validateCreatePostgresql(request, options) {
    try {
      if (plain(request)) {
        const packed = createFast(request, options);
        if (packed !== undefined) return unpack(packed);
      }
    } catch {
      // A getter or Proxy trap threw: the full path reports it as it always has.
    }
    return slowCreate(request, options);
  }

  // C9 reads only `request.topology`: true/false, or undefined when the full path must decide.
  function isHa(request) {
    if (request === undefined || request === null) return false;
    if (!plain(request)) return undefined;
    const keys = keysOf(request);
    if (keys.length > MAX_KEYS) return undefined;
    for (let i = 0; i < keys.length; i++) {
      const v = request[keys[i]];
      if (typeof v === "object" && v !== null) return undefined;
    }
    if (!hasOwn(request, "topology")) return false;
    const t = request.topology;
    if (typeof t !== "string") return false;
    if (!isEnumerable(request, "topology")) return undefined;
    return t === "HA";
  }

  /** Same contract as the wasm export (see its .d.ts). */
  function validateCreatePostgresqlField(field, value, request, options) {
    try {
      if (typeof field === "string") {
        const ha = isHa(request);
        if (ha !== undefined) {
          const t = typeof value;
          let packed;
          if (t === "string") {
            if (value.length <= MAX_TEXT) packed = fastField(field, 1, value, 0, ha, options);
          } else if (t === "number") {
            // The full path reads a lone number as JSON does, except integers beyond 2^53.
            if (!(value % 1 === 0 && (value > 9007199254740991 || value < -9007199254740991))) {
              packed = fastField(field, 2, undefined, value, ha, options);
            }
          } else if (t === "boolean") {
            packed = fastField(field, value ? 4 : 3, undefined, 0, ha, options);
          } else if (t !== "object" || value === null) {
            // undefined, null, function, symbol, BigInt: the full path reads them as null.
            packed = fastField(field, 0, undefined, 0, ha, options);
          }
          if (packed !== undefined) return unpack(packed);
        }
      }
    } catch {
      // A getter or Proxy trap threw: the full path reports it as it always has.
    }
    return slowField(field, value, request, options);
  }

  return { validateCreatePostgresql, validateCreatePostgresqlField };
}
