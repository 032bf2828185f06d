import * as path from 'path';
import * as kplus from 'cdk8s-plus-31';

/** Options for a script stored on a volume claim. */
export interface K6VolumeClaimScriptOptions {
  /**
   * Mount the claim read-only in the k6 pods.
   *
   * @default false
   */
  readonly readOnly?: boolean;
}

/** Where a TestRun's k6 script comes from. */
export class K6Script {
  /**
   * A local `.js` (or `k6 archive` `.tar`) file, read at synth and packed into a ConfigMap the
   * TestRun creates (child `Script`, named `<test run>-script`). Imports of other local files are
   * not followed; bundle multi-file tests with `k6 archive` first.
   */
  public static fromFile(localPath: string): K6Script {
    return new K6Script('file', path.basename(localPath), localPath, undefined, undefined, false);
  }

  /**
   * A key of an existing ConfigMap in the TestRun's namespace (mounted at `/test/`, so a bare file name).
   * When the ConfigMap is a cdk8s-plus ConfigMap of this app, the key is checked at synth.
   */
  public static fromConfigMap(configMap: kplus.IConfigMap, file: string): K6Script {
    return new K6Script('configMap', file, undefined, configMap, undefined, false);
  }

  /** A file on a persistent volume claim (mounted at `/test/`; the file may include sub-directories). */
  public static fromVolumeClaim(claim: kplus.IPersistentVolumeClaim, file: string, options: K6VolumeClaimScriptOptions = {}): K6Script {
    return new K6Script('volumeClaim', file, undefined, undefined, claim, options.readOnly ?? false);
  }

  private constructor(
    /** file, configMap or volumeClaim. */
    public readonly source: string,
    /** The script's file name (ConfigMap key or path on the claim). */
    public readonly file: string,
    /** The local path, for `fromFile`. */
    public readonly localPath: string | undefined,
    /** The ConfigMap, for `fromConfigMap`. */
    public readonly configMap: kplus.IConfigMap | undefined,
    /** The claim, for `fromVolumeClaim`. */
    public readonly volumeClaim: kplus.IPersistentVolumeClaim | undefined,
    /** Whether the claim is mounted read-only. */
    public readonly readOnly: boolean) {}
}
