/**
 * Known field names of built-in kinds, for unknown-field detection (kubectl's strict field validation).
 *
 * kubernetes-models' ajv validators check types, required fields and enums but accept any extra
 * field, so the field tree is read from the same package's generated `.d.ts` files: each
 * `export interface I<Type>` lists exactly the JSON properties of one OpenAPI definition, and its
 * imports name the definitions of nested fields. The files are parsed (TypeScript's parser only,
 * no type checker) lazily, one definition at a time, so only the kinds a test uses cost anything.
 * Using the package the type checks come from keeps both checks on one Kubernetes version.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** What may appear at one place in a document. `open` means anything (untyped JSON, RawExtension). */
export interface FieldShape {
  /** Definition name, e.g. `IIoK8sApiCoreV1PodSpec`, when the shape is a named definition. */
  readonly definition?: string;
  /** Known properties of an object. */
  readonly properties?: Map<string, FieldShape>;
  /** Shape of map values (`{ [key: string]: T }`). */
  readonly values?: FieldShape;
  /** Shape of list items. */
  readonly items?: FieldShape;
  readonly open?: boolean;
}

const LEAF: FieldShape = {};
const OPEN: FieldShape = { open: true };

const sourceFiles = new Map<string, ts.SourceFile>();
const shapes = new Map<string, FieldShape>();

function sourceFile(file: string): ts.SourceFile {
  let sf = sourceFiles.get(file);
  if (!sf) {
    sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    sourceFiles.set(file, sf);
  }
  return sf;
}

/** The `.d.ts` behind an import specifier, resolved like Node resolves the `.js` next to it. */
function declarationFile(specifier: string, fromFile: string): string {
  const js = require.resolve(specifier, { paths: [path.dirname(fromFile)] });
  return js.replace(/\.js$/, '.d.ts');
}

/** Finds the declaration of `name` in a file, following `export { ILocal as IExported }`. */
function findDeclaration(sf: ts.SourceFile, name: string): ts.InterfaceDeclaration | ts.TypeAliasDeclaration | undefined {
  let local = name;
  for (const stmt of sf.statements) {
    if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
      for (const el of stmt.exportClause.elements) {
        if (el.name.text === name && el.propertyName) local = el.propertyName.text;
      }
    }
  }
  return sf.statements.find((s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
    (ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s)) && s.name.text === local);
}

/** Where an imported type name comes from: `import { IFoo } from "./Foo"`. */
function importSource(sf: ts.SourceFile, name: string): string | undefined {
  for (const stmt of sf.statements) {
    if (!ts.isImportDeclaration(stmt) || !ts.isStringLiteral(stmt.moduleSpecifier)) continue;
    const bindings = stmt.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some(el => el.name.text === name)) {
      return stmt.moduleSpecifier.text;
    }
  }
  return undefined;
}

function propertyName(name: ts.PropertyName): string | undefined {
  return ts.isStringLiteral(name) || ts.isIdentifier(name) ? name.text : undefined;
}

function membersShape(members: ts.NodeArray<ts.TypeElement>, file: string, definition?: string): FieldShape {
  if (members.length === 0) return OPEN; // e.g. FieldsV1: arbitrary JSON
  const index = members.find(ts.isIndexSignatureDeclaration);
  if (index && ts.isIndexSignatureDeclaration(index)) return { definition, values: typeShape(index.type, file) };
  const properties = new Map<string, FieldShape>();
  const shape: FieldShape = { definition, properties };
  if (definition) shapes.set(`${file}#${definition}`, shape); // before recursing: definitions can be recursive
  for (const m of members) {
    if (!ts.isPropertySignature(m)) continue;
    const name = propertyName(m.name);
    if (name !== undefined) properties.set(name, m.type ? typeShape(m.type, file) : OPEN);
  }
  return shape;
}

function typeShape(node: ts.TypeNode, file: string): FieldShape {
  if (ts.isParenthesizedTypeNode(node)) return typeShape(node.type, file);
  if (ts.isArrayTypeNode(node)) return { items: typeShape(node.elementType, file) };
  if (ts.isTypeLiteralNode(node)) return membersShape(node.members, file);
  if (ts.isUnionTypeNode(node)) {
    const structured = node.types.map(t => typeShape(t, file)).filter(s => s !== LEAF);
    return structured.length === 1 ? structured[0] : structured.length === 0 ? LEAF : OPEN;
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'Array' && node.typeArguments?.length === 1) return { items: typeShape(node.typeArguments[0], file) };
    return namedShape(name, file);
  }
  if (node.kind === ts.SyntaxKind.AnyKeyword || node.kind === ts.SyntaxKind.UnknownKeyword || node.kind === ts.SyntaxKind.ObjectKeyword) return OPEN;
  return LEAF; // string, number, boolean, literal unions
}

/** Shape of a type name used in `file`: declared there, or imported from another definition file. */
function namedShape(name: string, file: string): FieldShape {
  const sf = sourceFile(file);
  const source = importSource(sf, name);
  const declFile = source ? declarationFile(source, file) : file;
  const cached = shapes.get(`${declFile}#${name}`);
  if (cached) return cached;
  const decl = findDeclaration(sourceFile(declFile), name);
  if (!decl) return OPEN; // not a generated definition (e.g. TypeMeta helpers): do not guess
  if (ts.isTypeAliasDeclaration(decl)) {
    const shape = typeShape(decl.type, declFile);
    shapes.set(`${declFile}#${name}`, shape);
    return shape;
  }
  return membersShape(decl.members, declFile, name);
}

/** Field shape of a built-in kind, or undefined if kubernetes-models has no such kind. */
export function builtinShape(apiVersion: string, kind: string): FieldShape | undefined {
  let file: string;
  try {
    file = declarationFile(`kubernetes-models/${apiVersion}/${kind}`, __filename);
  } catch {
    return undefined;
  }
  return fs.existsSync(file) ? namedShape(`I${kind}`, file) : undefined;
}

/** ObjectMeta's fields, for checking the metadata of custom resources the same way as built-ins. */
export function objectMetaShape(): FieldShape {
  return namedShape('IObjectMeta', declarationFile('@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta', require.resolve('kubernetes-models')));
}

/**
 * Reports every field the shape does not declare, as `unknown field "<path>"`, and calls `visit`
 * for every value that has a named definition (for semantic checks on PodSpec, ObjectMeta, ...).
 */
export function checkKnownFields(
  value: unknown,
  shape: FieldShape,
  fieldPath: ReadonlyArray<string | number>,
  unknown: (path: ReadonlyArray<string | number>) => void,
  visit?: (definition: string, value: any, path: ReadonlyArray<string | number>) => void,
): void {
  if (value === null || value === undefined || shape.open || typeof value !== 'object') return;
  if (shape.definition && visit) visit(shape.definition, value, fieldPath);
  if (Array.isArray(value)) {
    if (shape.items) value.forEach((item, i) => checkKnownFields(item, shape.items!, [...fieldPath, i], unknown, visit));
    return;
  }
  for (const [key, child] of Object.entries(value)) {
    if (shape.values) {
      checkKnownFields(child, shape.values, [...fieldPath, key], unknown, visit);
    } else if (shape.properties) {
      const childShape = shape.properties.get(key);
      if (childShape) checkKnownFields(child, childShape, [...fieldPath, key], unknown, visit);
      else unknown([...fieldPath, key]);
    }
  }
}
