import { type Compilable, CompiledQuery } from 'kysely';

/** A compiled statement whose parameters are slots, filled from a values array on each execution. */
export interface StatementTemplate {
  sql: string;
  /** For each parameter of `sql`, the index of its value. */
  slots: number[];
}

const SLOT = '\u0000tukar-slot:';

/**
 * Compiled multi-row statements, one per shape and row count, built once and reused. Building a
 * 1,000-row insert with Kysely's builder costs milliseconds; filling a template costs microseconds, and
 * the same SQL text lets SQLite reuse its prepared statement. The template is compiled by Kysely from a
 * query whose values are slot markers, so the SQL is Kysely's own for the dialect.
 */
export class StatementTemplates {
  readonly #templates = new Map<string, StatementTemplate>();

  /**
   * The template named `name` for `size` rows; `build` makes the query with `slot(i)` in place of the
   * `i`-th value.
   */
  get(name: string, size: number, build: (slot: (index: number) => string) => Compilable): StatementTemplate {
    const id = `${name}:${size}`;
    let template = this.#templates.get(id);
    if (!template) {
      const compiled = build((index) => `${SLOT}${index}`).compile();
      const slots = compiled.parameters.map((parameter) => {
        if (typeof parameter !== 'string' || !parameter.startsWith(SLOT)) {
          throw new Error(`The statement template ${id} has a parameter that is not a slot.`);
        }
        return Number(parameter.slice(SLOT.length));
      });
      template = { sql: compiled.sql, slots };
      this.#templates.set(id, template);
    }
    return template;
  }
}

/** The template's statement with `values` in its slots. */
export function fill(template: StatementTemplate, values: readonly unknown[]): CompiledQuery {
  return CompiledQuery.raw(
    template.sql,
    template.slots.map((index) => values[index]),
  );
}

/**
 * Cuts `items` into chunks whose sizes are powers of two (largest first, at most `max`), so a few
 * templates serve any count: 1,000 rows are 512 + 256 + 128 + 64 + 32 + 8.
 */
export function powerOfTwoChunks<T>(items: readonly T[], max: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  while (start < items.length) {
    let size = max;
    while (size > items.length - start) size >>>= 1;
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/**
 * Cuts `keys` into chunks of at most `max`, the last one padded to a power of two by repeating its last
 * key (harmless in `IN (...)`), so a few templates serve any count.
 */
export function paddedKeyChunks(keys: readonly string[], max: number): string[][] {
  const chunks: string[][] = [];
  for (let start = 0; start < keys.length; start += max) {
    const chunk = keys.slice(start, start + max);
    let size = 1;
    while (size < chunk.length) size <<= 1;
    const last = chunk[chunk.length - 1] as string;
    while (chunk.length < size) chunk.push(last);
    chunks.push(chunk);
  }
  return chunks;
}
