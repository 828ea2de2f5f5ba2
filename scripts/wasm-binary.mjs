// @ts-check
// Reading the sections of a wasm module (the binary format's LEB128 numbers, names and
// sections), for the build steps that look into the worker's wasm.

/// A cursor over `bytes` from `at`.
/** @param {Uint8Array} bytes */
export function reader(bytes, at = 0) {
  return {
    get at() {
      return at;
    },
    byte: () => bytes[at++],
    /// Unsigned LEB128.
    u32() {
      let value = 0;
      for (let shift = 0; ; shift += 7) {
        const byte = bytes[at++];
        value += (byte & 0x7f) * 2 ** shift;
        if (byte < 0x80) return value;
      }
    },
    /// A length-prefixed UTF-8 name.
    name() {
      const length = this.u32();
      at += length;
      return new TextDecoder().decode(bytes.subarray(at - length, at));
    },
    /** @param {number} length */
    skip(length) {
      at += length;
    },
  };
}

/// The module's sections in order, each as its id and body.
/** @param {Uint8Array} bytes */
export function sections(bytes) {
  const read = reader(bytes, 8); // after the magic and version
  const all = [];
  while (read.at < bytes.length) {
    const id = read.byte();
    const length = read.u32();
    all.push({ id, body: bytes.subarray(read.at, read.at + length) });
    read.skip(length);
  }
  return all;
}

/// The subsections of a "name" custom section's body, each as its id, its bytes whole and its
/// contents; none for another custom section. `prefix` is the section's own name, which they follow.
/** @param {Uint8Array} body */
export function nameSubsections(body) {
  const read = reader(body);
  if (read.name() !== "name") return { prefix: body, subsections: [] };
  const prefix = body.subarray(0, read.at);
  const subsections = [];
  while (read.at < body.length) {
    const start = read.at;
    const id = read.byte();
    const size = read.u32();
    const contents = read.at;
    read.skip(size);
    subsections.push({ id, bytes: body.subarray(start, read.at), contents: body.subarray(contents, read.at) });
  }
  return { prefix, subsections };
}
