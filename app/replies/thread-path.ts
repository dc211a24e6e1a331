// A reply's place in its thread as a string that sorts in reading order: its parent's path
// followed by its own sequence among its siblings, zero-padded to a fixed width. Digits only,
// so the order is the same under any database collation.
export const SEGMENT_WIDTH = 6;

export function childPath(parentPath: string | null, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1 || sequence >= 10 ** SEGMENT_WIDTH) {
    throw new RangeError(`reply sequence out of range: ${sequence}`);
  }
  return (parentPath ?? "") + String(sequence).padStart(SEGMENT_WIDTH, "0");
}

export function depthOf(path: string): number {
  return path.length / SEGMENT_WIDTH - 1;
}
