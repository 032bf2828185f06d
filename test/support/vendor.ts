import * as path from 'path';

/** The inputs vendored into this repository: CRDs, upstream manifests and Karpenter data (see vendor/README.md). */
export const VENDOR_DIR = path.resolve(__dirname, '..', '..', 'vendor');

/** A path inside vendor/, e.g. `vendorPath('manifests', 'reference', '000', 'keda', 'manifests', 'workload.yaml')`. */
export function vendorPath(...segments: string[]): string {
  const full = path.resolve(VENDOR_DIR, ...segments);
  const relative = path.relative(VENDOR_DIR, full);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`vendorPath: ${segments.join('/')} resolves outside vendor/ (${full})`);
  }
  return full;
}
