// Raw DEFLATE with an output cap, for the zip reader. This is the Node build (node:zlib, native);
// the browser page's build swaps this module for ./inflate.browser (webpack NormalModuleReplacementPlugin
// in webpack.config.js), which gives the same answers with fflate.
import zlib from 'node:zlib';

/** The inflated data would exceed the cap given: the caller refuses the part. */
export class InflateTooLarge extends Error {
  constructor() {
    super('inflated data over the limit');
    this.name = 'InflateTooLarge';
  }
}

/** Inflates `data`; throws InflateTooLarge past `maxOutput` bytes, any other error when the data is corrupt. */
export function inflateRaw(data: Uint8Array, maxOutput: number): Buffer {
  try {
    return zlib.inflateRawSync(data, { maxOutputLength: maxOutput });
  } catch (err) {
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new InflateTooLarge();
    throw err;
  }
}
