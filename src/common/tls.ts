/**
 * A TLS protocol version, used alike by every construct with TLS settings (Istio Gateway servers,
 * Prometheus scrape TLS). Versions below 1.2 are not offered: every pinned operator deprecates them.
 */
export class TlsVersion {
  /** TLS 1.2. */
  public static readonly TLS1_2 = new TlsVersion(2);
  /** TLS 1.3. */
  public static readonly TLS1_3 = new TlsVersion(3);

  private constructor(
    /** The minor version: 2 for TLS 1.2. */
    public readonly minor: number) {}

  /** "TLS 1.2", for messages. */
  public toString(): string {
    return `TLS 1.${this.minor}`;
  }
}
