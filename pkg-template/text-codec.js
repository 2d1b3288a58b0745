// UTF-8 TextDecoder/TextEncoder for the inline entries, used only where the globals are missing:
// Jest's jsdom environment (the usual React test set-up) has none, and the wasm-bindgen glue
// creates both when it is loaded. Elsewhere the engine's own classes are used unchanged.
//
// scripts/assemble-pkg.mjs inlines this file BEFORE the glue (it drops the `export` keyword) and
// points the glue's `new TextDecoder(` / `new TextEncoder(` at these bindings. Only what the glue
// calls is implemented: `decode(bytes?)` (the module only hands out valid UTF-8; anything else
// still decodes, to U+FFFD) and `encode(string)` (lone surrogates become U+FFFD, as the standard
// encoder does; the glue builds `encodeInto` from `encode` when it is missing).

class Utf8Decoder {
  decode(bytes) {
    if (bytes === undefined) return "";
    let out = "";
    const units = [];
    for (let i = 0; i < bytes.length; ) {
      const b = bytes[i];
      let cp = 0xfffd;
      let n = 1;
      if (b < 0x80) cp = b;
      else if (b >= 0xc2 && b < 0xe0 && i + 1 < bytes.length) {
        cp = ((b & 0x1f) << 6) | (bytes[i + 1] & 0x3f);
        n = 2;
      } else if (b >= 0xe0 && b < 0xf0 && i + 2 < bytes.length) {
        cp = ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
        n = 3;
      } else if (b >= 0xf0 && b < 0xf5 && i + 3 < bytes.length) {
        cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
        n = 4;
      }
      i += n;
      if (cp > 0xffff) {
        cp -= 0x10000;
        units.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
      } else units.push(cp);
      if (units.length > 8192) {
        out += String.fromCharCode.apply(null, units);
        units.length = 0;
      }
    }
    return out + String.fromCharCode.apply(null, units);
  }
}

class Utf8Encoder {
  encode(text = "") {
    const s = String(text);
    const out = new Uint8Array(s.length * 3);
    let o = 0;
    for (let i = 0; i < s.length; i++) {
      let cp = s.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < s.length) {
        const next = s.charCodeAt(i + 1);
        if (next >= 0xdc00 && next < 0xe000) {
          cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
          i++;
        }
      }
      if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;
      if (cp < 0x80) out[o++] = cp;
      else if (cp < 0x800) {
        out[o++] = 0xc0 | (cp >> 6);
        out[o++] = 0x80 | (cp & 0x3f);
      } else if (cp < 0x10000) {
        out[o++] = 0xe0 | (cp >> 12);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
      } else {
        out[o++] = 0xf0 | (cp >> 18);
        out[o++] = 0x80 | ((cp >> 12) & 0x3f);
        out[o++] = 0x80 | ((cp >> 6) & 0x3f);
        out[o++] = 0x80 | (cp & 0x3f);
      }
    }
    return out.slice(0, o);
  }
}

export const InlineTextDecoder = typeof TextDecoder === "function" ? TextDecoder : Utf8Decoder;
export const InlineTextEncoder = typeof TextEncoder === "function" ? TextEncoder : Utf8Encoder;
