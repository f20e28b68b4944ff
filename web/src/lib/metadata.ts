/** Metadata as edited in a form: ordered rows, possibly incomplete. */
export interface MetadataRow {
  id: number;
  key: string;
  value: string;
}

/** Limits the ledger shares with the UI so problems show before submitting. */
export const metadataEntriesMax = 64;
export const metadataKeyLengthMax = 128;
export const metadataValueLengthMax = 1024;

export type MetadataResult = { ok: true; values: Record<string, string> } | { ok: false; error: string };

/** Rows to a map; rows left entirely blank are ignored, a key twice or a value without key is refused. */
export function metadataFromRows(rows: ReadonlyArray<MetadataRow>): MetadataResult {
  const values: Record<string, string> = {};
  let count = 0;
  for (const row of rows) {
    const key = row.key.trim();
    if (key === "" && row.value.trim() === "") continue;
    if (key === "") return { ok: false, error: "Every metadata value needs a key." };
    if (key.length > metadataKeyLengthMax) return { ok: false, error: `Metadata keys have at most ${metadataKeyLengthMax} characters.` };
    if (row.value.length > metadataValueLengthMax) return { ok: false, error: `Metadata values have at most ${metadataValueLengthMax} characters.` };
    if (Object.hasOwn(values, key)) return { ok: false, error: `The metadata key "${key}" appears twice.` };
    values[key] = row.value;
    count += 1;
  }
  if (count > metadataEntriesMax) return { ok: false, error: `At most ${metadataEntriesMax} metadata entries.` };
  return { ok: true, values };
}

export function rowsFromMetadata(values: Record<string, string>, firstId = 1): MetadataRow[] {
  return Object.entries(values).map(([key, value], i) => ({ id: firstId + i, key, value }));
}

/** Parses "a=1, b=2" (as typed in a search box) into pairs; refuses a pair without "=". */
export function parseMetadataQuery(text: string): MetadataResult {
  const values: Record<string, string> = {};
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, values };
  for (const part of trimmed.split(",")) {
    const pair = part.trim();
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    if (eq <= 0) return { ok: false, error: `Write metadata as key=value (got "${pair}").` };
    values[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return { ok: true, values };
}
