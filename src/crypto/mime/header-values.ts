/** Looking up header fields by name (RFC 5322 §1.2.2: field names are case-insensitive). */
import type { HeaderField, MimeEntity } from './mime-entity';

type HasHeaders = Pick<MimeEntity, 'headers'> | { headers: readonly HeaderField[] };

/** The first field of that name, unfolded and undecoded, or undefined. */
export function getHeaderValue(entity: HasHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return entity.headers.find((field) => field.name.toLowerCase() === wanted)?.value;
}

/**
 * Every field of that name, in order. Callers applying a rule such as "exactly one From" (DESIGN.md)
 * must use this, not getHeaderValue: a second From field is an attack, not noise.
 */
export function getHeaderValues(entity: HasHeaders, name: string): string[] {
  const wanted = name.toLowerCase();
  return entity.headers.filter((field) => field.name.toLowerCase() === wanted).map((field) => field.value);
}
