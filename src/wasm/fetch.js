// The I/O of one HTTP exchange that must stay in JavaScript (src/wasm/client.rs `JsEnv`): the
// decisions (redirects, limits, errors) are Rust's; these functions only send and read.
//
// - The `Request` carries no signal; the call's signal (timeout and caller's `signal`) goes as
//   `fetch(request, { signal })`. Node's fetch (undici) follows a Request's signal with a WeakRef
//   and a FinalizationRegistry entry, which V8 keeps until the running job ends: a loop of calls
//   answered without a macrotask (a canned `fetch`) kept ~2 KB per call until it yielded.
// - The answer is awaited only until the signal fires, so a `fetch` that ignores the signal still
//   times out; a late answer's body is cancelled.
// - The body is read as a stream of JS chunks, counted in bytes as they come (after
//   decompression: that is what a fetch stream yields) and cancelled as soon as the count passes
//   the limit; only a body within the limit is decoded, once, into the string handed to wasm.

/** Cancels a body nobody will read (frees the connection); never throws, never rejects. */
export function discard_body(response) {
  try {
    const body = response.body;
    if (body && !body.locked) body.cancel().catch(() => {});
  } catch {}
}

/** Where a redirect pointed: the origin of its `Location` (resolved against `url`), if any. */
export function redirect_origin(response, url) {
  try {
    const location = response.headers.get("location");
    const origin = location === null ? "null" : new URL(location, url).origin;
    return origin === "null" ? undefined : origin;
  } catch {
    return undefined;
  }
}

/** `fetch(request, { signal })`, rejected with the signal's reason as soon as it fires. */
export function fetch_until_abort(fetch, request, signal) {
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener("abort", stop, { once: true });
    new Promise((r) => r(fetch(request, { signal }))).then(
      (response) => {
        signal.removeEventListener("abort", stop);
        if (signal.aborted) discard_body(response);
        resolve(response);
      },
      (error) => {
        signal.removeEventListener("abort", stop);
        reject(error);
      },
    );
  });
}

/** UTF-8 length of a string (lone surrogates count 3, as their replacement). */
function utf8_length(text) {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * The body as text when it has at most `max` bytes, `null` when it has more, or when
 * `Content-Length` declares more (a compressed body decodes to at least about its size on the
 * wire): the stream is then cancelled at once. Rejects when the read fails or `signal` fires. (A plain `function`: the
 * package's inliner pastes `export function`s only.)
 */
export function read_text_bounded(response, max, signal) {
  return read_bounded(response, max, signal);
}

async function read_bounded(response, max, signal) {
  if (Number(response.headers.get("content-length")) > max) {
    discard_body(response);
    return null;
  }
  const body = response.body;
  if (body === null) return "";
  if (body === undefined) {
    // A Response without streams (a fetch polyfill): only its whole text can be had.
    const text = await response.text();
    return utf8_length(text) > max ? null : text;
  }
  const reader = body.getReader();
  const stop = () => reader.cancel().catch(() => {});
  signal.addEventListener("abort", stop, { once: true });
  const chunks = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      if (!ArrayBuffer.isView(value)) throw new TypeError("the body stream gave something other than bytes");
      size += value.byteLength;
      if (size > max) {
        stop();
        return null;
      }
      chunks.push(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
    }
  } finally {
    signal.removeEventListener("abort", stop);
  }
  let bytes = chunks.length === 1 ? chunks[0] : new Uint8Array(size);
  if (chunks.length !== 1) {
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
  }
  return new TextDecoder().decode(bytes);
}
