// The download of several copies: one .zip, entries stored (an .xlsx is compressed already), names
// in UTF-8 with the zip's language flag set (fflate sets it for non-ASCII names), so Chinese names
// survive Windows Explorer, 7-Zip and unzip alike.
import { zipSync, type Zippable } from 'fflate';

export function zipStored(entries: { name: string; bytes: Uint8Array }[], mtime: Date = new Date()): Uint8Array {
  const tree: Zippable = {};
  for (const e of entries) tree[e.name] = [e.bytes, { level: 0, mtime }];
  return zipSync(tree);
}
