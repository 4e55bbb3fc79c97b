/**
 * The TypeScript names of one contract's generated declarations: `dinkes.puskesmas` →
 * `DinkesPuskesmasRecord`, `DinkesPuskesmasKey`, `dinkesPuskesmasSchema`.
 */
export interface TypeNames {
  readonly record: string;
  readonly key: string;
  readonly schema: string;
}

/** Names of the declarations generated for contract `id` (`<opd>.<dataset>`, kebab-case parts). */
export function typeNames(id: string): TypeNames {
  const words = id.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const pascal = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  const base = /^[0-9]/.test(pascal) ? `C${pascal}` : pascal;
  return {
    record: `${base}Record`,
    key: `${base}Key`,
    schema: `${base.charAt(0).toLowerCase()}${base.slice(1)}Schema`,
  };
}
