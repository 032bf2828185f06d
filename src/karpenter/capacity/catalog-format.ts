/**
 * The shape of `catalog-data.generated.ts` (with its columns in `catalog-labels.generated.ts` and
 * `catalog-resources.generated.ts`): a columnar encoding of the vendored Karpenter instance-type reference and
 * on-demand price table, written by `scripts/generate-instance-catalog.ts`. Decoded by `instance-catalog-data.ts`;
 * nothing else reads this shape.
 */

/** Where the facts come from. */
export interface RawCatalogSource {
  /** The upstream repository, `owner/name`. */
  readonly repository: string;
  /** The upstream commit the files were taken from. */
  readonly commit: string;
  /** The date of that commit (YYYY-MM-DD). */
  readonly date: string;
  /** The Karpenter minor version the instance-type page documents, e.g. `1.14`. */
  readonly karpenterVersion: string;
  /** The upstream path of the instance-type page. */
  readonly instanceTypesPath: string;
  /** The AMI family the allocatable resources assume. */
  readonly amiFamily: string;
  /** The assumptions the upstream page states for its allocatable resources. */
  readonly assumptions: readonly string[];
}

/** Where the prices come from. */
export interface RawCatalogPricing {
  /** The upstream path of the price table. */
  readonly path: string;
  /** The region the prices are for. */
  readonly region: string;
  /** When upstream generated the table (ISO 8601). */
  readonly generatedAt: string;
  /** Prices in the table, including types the instance-type page does not list. */
  readonly entries: number;
}

/** One label: a dictionary of its values and, per instance type, the index of its value. */
export interface RawLabelColumn {
  readonly key: string;
  /** The distinct values, sorted (numerically when every value is an integer). */
  readonly values: readonly string[];
  /**
   * Per instance type (same order as `names`), encoded by `encodeCells`: the index into `values` plus one, or 0 when
   * the type does not have the label.
   */
  readonly cells: EncodedCells;
}

/**
 * A column of non-negative integers, one per instance type, as `width` base-64 digits each (`CELL_DIGITS`): a fifth
 * of the size of a list of numbers, so the facts stay compact in the package.
 */
export interface EncodedCells {
  readonly width: number;
  readonly digits: string;
}

/** The base-64 digits of `EncodedCells`, in value order; all are safe inside a quoted string. */
export const CELL_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';

/** Encodes non-negative integers with the fewest digits that hold the largest. */
export function encodeCells(values: readonly number[]): EncodedCells {
  const max = Math.max(0, ...values);
  let width = 1;
  while (64 ** width <= max) width++;
  const digits = values.map(value => {
    if (!Number.isInteger(value) || value < 0) throw new Error(`encodeCells: ${value} is not a non-negative integer`);
    let text = '';
    for (let rest = value, i = 0; i < width; i++, rest = Math.floor(rest / 64)) text = CELL_DIGITS[rest % 64] + text;
    return text;
  }).join('');
  return { width, digits };
}

/** Decodes every value of `cells`. */
export function decodeCells(cells: EncodedCells): number[] {
  const values: number[] = [];
  for (let at = 0; at < cells.digits.length; at += cells.width) {
    let value = 0;
    for (let i = 0; i < cells.width; i++) value = value * 64 + CELL_DIGITS.indexOf(cells.digits[at + i]);
    values.push(value);
  }
  return values;
}

/** Units of a resource column. */
export type RawResourceUnit = 'millicores' | 'MiB' | 'count';

/** One allocatable resource, per instance type. */
export interface RawResourceColumn {
  readonly name: string;
  readonly unit: RawResourceUnit;
  /** Per instance type (same order as `names`), encoded by `encodeCells`; 0 when the type does not offer the resource. */
  readonly cells: EncodedCells;
}

export interface RawCatalog {
  readonly source: RawCatalogSource;
  readonly pricing: RawCatalogPricing;
  /** The label whose value is the instance type's name; not stored as a column. */
  readonly nameLabel: string;
  /** Instance type names, in the upstream page's order. */
  readonly names: readonly string[];
  readonly labels: readonly RawLabelColumn[];
  readonly resources: readonly RawResourceColumn[];
  /** On-demand $/hour per instance type (same order as `names`), null when the price table has none. */
  readonly onDemandPrices: readonly (number | null)[];
}
