// What an inferred contract must agree on with the hand-written one: required fields, types and
// formats of every field, nested objects as dot paths. Shared by the inference tests.

type Schema = Record<string, unknown>;

/** required, types and formats of every field, nested objects as dot paths. */
export function shape(schema: Schema, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  out[`${prefix}(required)`] = [...((schema.required ?? []) as string[])].sort();
  for (const [key, property] of Object.entries(properties)) {
    let types = Array.isArray(property.type) ? [...property.type] : property.type ? [property.type] : [];
    if (types.length === 0 && Array.isArray(property.enum)) {
      types = [...new Set(property.enum.map((v) => (v === null ? 'null' : typeof v)))];
    }
    out[`${prefix}${key}`] = { types: types.sort(), format: property.format };
    if (property.properties) Object.assign(out, shape(property, `${prefix}${key}.`));
  }
  return out;
}
